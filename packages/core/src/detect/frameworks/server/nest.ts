import { dig, str } from '../../project-files';
import { dependency, folder } from '../config';
import { buildScript } from './build-script';
import type { FrameworkDetector } from '../types';

/**
 * NestJS (https://docs.nestjs.com/cli/usages#nest-build): `nest build` compiles src/ to dist/ (tsconfig's outDir),
 * started as `node dist/main.js` (nest-cli.json's entryFile, default main) with the production dependencies. The
 * generated src/main.ts listens on process.env.PORT ?? 3000, which the listen scan reads.
 */
export const nestDetector: FrameworkDetector = {
  name: 'nest',
  detect(files, pkg, evidence) {
    if (!dependency(pkg, '@nestjs/core')) return null;
    const cli = files.readJson(files.path('nest-cli.json'));
    const cliConfig = cli?.ok ? cli.value : null;
    if (dig(cliConfig, 'monorepo') === true) {
      evidence.push('nest-cli.json: a Nest monorepo (several apps); treated as a plain Node server, pass --entry and --output-path');
      return null;
    }
    const entryFile = str(dig(cliConfig, 'entryFile')) ?? 'main';
    // tsconfig.build.json usually extends tsconfig.json, which holds the outDir
    const outDirText = [str(dig(cliConfig, 'compilerOptions', 'tsConfigPath')) ?? 'tsconfig.build.json', 'tsconfig.json']
      .map((f) => files.readJson(files.path(f)))
      .map((t) => (t?.ok ? str(dig(t.value, 'compilerOptions', 'outDir')) : undefined))
      .find(Boolean);
    const outDir = outDirText ? folder(outDirText) : 'dist';
    const entry = `${outDir}/${entryFile}.js`;
    const read = [cliConfig ? `nest-cli.json entryFile ${entryFile}` : 'no nest-cli.json (entryFile main)', outDirText ? `outDir "${outDir}"` : 'outDir dist (assumed)'].join(', ');
    evidence.push(`${read} → NestJS server ${entry} with the production dependencies; start "node ${entry}"`);
    return { name: 'nest', kind: 'server', build: buildScript(pkg, 'build', evidence), outputDir: outDir, start: ['node', entry] };
  },
};
