#!/usr/bin/env node
// Re-exposes the core CLI so `npx docker-ms` works wherever this package is installed.
const { main } = require(require.resolve('@docker-ms/core/package.json').replace(/package\.json$/, 'dist/cli/main.js'));
main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
