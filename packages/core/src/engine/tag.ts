// Docker's image reference grammar (distribution/reference):
//   [host[:port]/]path-component(/path-component)*[:tag][@algorithm:hex]
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:.]+\])(?::[0-9]+)?$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const MAX_NAME = 255;

/** Docker treats the first component as a registry host when it has a '.' or ':', is localhost, or has uppercase. */
function isDomain(component: string): boolean {
  return /[.:]/.test(component) || component === 'localhost' || component !== component.toLowerCase();
}

/**
 * Check an image reference such as `registry:5000/team/app:1.2` against Docker's grammar.
 * Returns null when valid, else one readable line saying what is wrong.
 */
export function validateTag(tag: string): string | null {
  const shown = JSON.stringify(tag);
  if (tag === '') return 'tag "" is empty';
  if (/\s/.test(tag)) return `tag ${shown} contains whitespace; image references cannot`;
  const bad = tag.match(/[^a-zA-Z0-9._\-/:@\[\]]/);
  if (bad) return `tag ${shown} contains '${bad[0]}'; image references use only letters, digits and . _ - / : @`;

  let rest = tag;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const digest = rest.slice(at + 1);
    if (!DIGEST.test(digest)) return `tag ${shown} has an invalid digest '${digest}' (expected e.g. sha256:<64 hex digits>)`;
    rest = rest.slice(0, at);
  }
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  let name = rest;
  if (colon > lastSlash) {
    const version = rest.slice(colon + 1);
    name = rest.slice(0, colon);
    if (!TAG.test(version)) {
      return `tag ${shown} has an invalid tag '${version}' (letters, digits, _ . -, not starting with . or -, at most 128 characters)`;
    }
  }
  if (name.length > MAX_NAME) return `tag ${shown}: the repository name is longer than ${MAX_NAME} characters`;
  const components = name.split('/');
  if (components.length > 1 && isDomain(components[0])) {
    const host = components.shift() as string;
    if (!DOMAIN.test(host)) return `tag ${shown} has an invalid registry host '${host}'`;
  }
  for (const component of components) {
    if (component !== component.toLowerCase()) {
      return `tag ${shown}: repository names must be lowercase ('${component}' → '${component.toLowerCase()}')`;
    }
    if (!PATH_COMPONENT.test(component)) {
      return `tag ${shown} has an invalid repository component '${component}' (lowercase letters and digits, separated by . _ __ or -)`;
    }
  }
  return null;
}

/** A repository name Docker accepts, made from a folder or project name (`My App` → `my-app`). */
export function sanitizeImageName(raw: string): string {
  const name = raw
    .toLowerCase()
    .replace(/[^a-z0-9._/-]+/g, '-')
    .split('/')
    .map((c) => c.replace(/^[._-]+|[._-]+$/g, '').replace(/[._-]{2,}/g, '-'))
    .filter(Boolean)
    .join('/');
  return name || 'app';
}
