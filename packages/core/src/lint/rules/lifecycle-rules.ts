// Rules on the support status of base images (catalog/lifecycle.ts, catalog/published-tags.json).
import { describeImage, knownImages, type CatalogImage } from '../../catalog';
import { endOfLife, nginxEndOfLife, today } from '../../catalog/lifecycle';
import type { LintRule, RuleHit } from '../types';

// distroless SUPPORT_POLICY.md@cd080764: Debian 12 images end in September 2026 (static, base, cc);
// the nodejs and java ones in January 2026 (no longer built since 2026-02-27).
const DISTROLESS_DEBIAN12_EOL: Array<[RegExp, string]> = [
  [/\/(nodejs|java|python)[\d-]*debian12/, '2026-01-31'],
  [/\/(static|base|base-nossl|cc)-debian12/, '2026-09-30'],
];

/** Repository without registry mirror, tag or version digits: node, gcr.io/distroless/nodejs#. */
function family(ref: string): string {
  const repo = ref.split('@')[0].replace(/:[^/]*$/, '');
  const at = repo.indexOf('gcr.io/distroless/');
  const name = at >= 0 ? repo.slice(at) : repo.split('/').pop()!;
  return name.replace(/\d+/g, '#').replace(/-debian#$/, '');
}

/** The image the catalog renders today for the same language, role and flavor (same repository when it can). */
function replacementFor(img: CatalogImage): string | undefined {
  const peers = knownImages().filter((k) => k.language === img.language && k.role === img.role && k.toolchain === img.toolchain && k.flavor === img.flavor);
  return (peers.find((p) => family(p.ref) === family(img.ref)) ?? peers[0])?.ref;
}

export const endOfLifeBaseImage: LintRule = {
  name: 'EndOfLifeBaseImage',
  severity: 'warning',
  description: 'FROM should name a base image whose runtime and distribution still get security fixes',
  check(model) {
    const hits: RuleHit[] = [];
    const on = today();
    for (const stage of model.stages) {
      const image = stage.image;
      if (!image || image.includes('$') || stage.parent || image.toLowerCase() === 'scratch') continue;
      const img = describeImage(image);
      const distro = DISTROLESS_DEBIAN12_EOL.find(([re]) => re.test(image));
      if (distro && distro[1] <= on) {
        const to = img ? replacementFor(img) : undefined;
        hits.push({ line: stage.line, message: `${image} reached end of life on ${distro[1]} (distroless Debian 12)${to ? `; use ${to}` : ''}` });
        continue;
      }
      if (!img || img.toolchain === 'none') continue;
      if (img.toolchain === 'nginx') {
        const ended = nginxEndOfLife(img.version, on);
        if (ended) hits.push({ line: stage.line, message: `${image}: nginx ${img.version} reached end of life on ${ended.eol}; use ${replacementFor(img) ?? `nginx ${ended.replacement}`}` });
        continue;
      }
      const eol = endOfLife(img.language, img.version, on);
      if (!eol) continue;
      const to = replacementFor(img);
      hits.push({
        line: stage.line,
        message: `${image}: ${img.language} ${img.version} reached end of life on ${eol.eol}${to ? `; use ${to}` : `; move to ${eol.replacement}`}`,
      });
    }
    return hits;
  },
};
