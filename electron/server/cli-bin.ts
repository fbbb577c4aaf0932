#!/usr/bin/env node
// `hookscope`, the package's bin (dist/cli/cli.js): turns on the code cache for the built CLI's files
// (see code-cache.ts), then runs the CLI itself (cli.ts), whose files then compile from the cache.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { enableCliCodeCache } from './code-cache.js';

enableCliCodeCache(path.dirname(fileURLToPath(import.meta.url)));
void import('./cli.js');
