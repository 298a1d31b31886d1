#!/usr/bin/env node
// `docker-ms` with this package's `init` (Turborepo) added to the core CLI's commands.
const core = require('@docker-ms/core');
const { initCommand } = require('../dist/index.js');
core.registerCommand(initCommand);
core.main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
