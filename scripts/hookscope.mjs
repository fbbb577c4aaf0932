#!/usr/bin/env node
// `npm run --silent hookscope -- <command>` in a source checkout: the built CLI (dist/cli/cli.js, the
// same file the package's `hookscope` bin runs), rebuilt first when a source changed since the last
// build (about a second; checking costs a few milliseconds). Runs in this process: no second start-up.
import { cliIsStale, buildCli } from './build-cli.mjs';

if (cliIsStale()) await buildCli();
await import('../dist/cli/cli.js');
