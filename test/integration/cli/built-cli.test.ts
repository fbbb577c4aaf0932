// The built CLI (dist/cli, what the package's `hookscope` bin runs) is plain JavaScript: nothing
// reachable from it imports tsx or a TypeScript file, and the only packages it leaves to node_modules
// are better-sqlite3 and Node's own modules. Each command loads only what it needs: `stats` never loads
// the sender, the UI server or the renderer's files. Checked on esbuild's metafile (dist/cli/meta.json:
// which sources went into which file; `merged`: the chunks scripts/build-cli.mjs put into common.js)
// and on the files a real run actually loaded (the built CLI is CommonJS: traced through require).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { CLI_ENTRY, ROOT } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

interface Metafile {
  outputs: Record<string, { imports: Array<{ path: string; kind: string; external?: boolean }>; inputs: Record<string, unknown> }>;
  merged: Record<string, string[]>;
}

const meta = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/cli/meta.json'), 'utf8')) as Metafile;
const BIN = 'dist/cli/cli.js';
const COMMON = 'dist/cli/common.js';
const RUNTIME_EXTERNALS = new Set(['better-sqlite3', '@ngrok/ngrok', 'smee-client']);
const NOT_FOR_STATS = [/^electron\/core\/sender\//, /^electron\/core\/scheduler\//, /^electron\/server\/http-bridge\.ts$/, /^electron\/server\/static\.ts$/, /^renderer\//, /^electron\/core\/receiver\/receiver\.ts$/];

/** Every output file reachable from the bin entry, through static and dynamic imports alike. */
function reachableFromBin(): string[] {
  const seen = new Set<string>();
  const stack = [BIN];
  while (stack.length) {
    const file = stack.pop()!;
    if (seen.has(file) || !meta.outputs[file]) continue;
    seen.add(file);
    for (const imp of meta.outputs[file].imports) if (!imp.external) stack.push(imp.path);
  }
  return [...seen];
}

/** The file an output of esbuild's metafile is in: common.js for a merged chunk, else its own. */
const fileOf = (output: string) => Object.keys(meta.merged).find((file) => meta.merged[file]!.includes(output)) ?? output;

/** The sources inside the output files a run loaded (common.js: every chunk merged into it). */
function sourcesOf(outputs: string[]): string[] {
  return outputs.flatMap((o) => meta.merged[o] ?? [o]).flatMap((o) => Object.keys(meta.outputs[o]?.inputs ?? {}));
}

/** Runs the built CLI with a hook that records every file it loads, CommonJS and ES modules alike. */
function loadedModules(args: string[]): string[] {
  const dir = tempDir('hookscope-trace-');
  const log = path.join(dir, 'loaded.txt');
  const hooks = path.join(dir, 'hooks.mjs');
  fs.writeFileSync(hooks, `import fs from 'node:fs';\nexport async function load(url, context, next) {\n  fs.appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`);
  const register = path.join(dir, 'register.cjs');
  fs.writeFileSync(
    register,
    [
      `const fs = require('node:fs');`,
      `const Module = require('node:module');`,
      `Module.register(${JSON.stringify(pathToFileURL(hooks).href)});`,
      `const load = Module.prototype.load;`,
      `Module.prototype.load = function (filename) { fs.appendFileSync(${JSON.stringify(log)}, require('node:url').pathToFileURL(filename).href + '\\n'); return load.call(this, filename); };`,
    ].join('\n'),
  );
  const run = spawnSync(process.execPath, ['--require', register, CLI_ENTRY, ...args], { cwd: ROOT, encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return fs.readFileSync(log, 'utf8').trim().split('\n');
}

const outputOf = (url: string) => (url.startsWith('file:') ? path.relative(ROOT, new URL(url).pathname) : url);

afterAll(removeTempDirs);

describe('the built CLI', () => {
  it('is what package.json bin names', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ hookscope: BIN });
    expect(fs.readFileSync(path.join(ROOT, BIN), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('reaches no tsx and no TypeScript file: only better-sqlite3, @ngrok/ngrok, smee-client and node built-ins stay outside the bundle', () => {
    const files = reachableFromBin();
    expect(files.length).toBeGreaterThan(5); // the commands are chunks of their own
    const externals = files.flatMap((f) => meta.outputs[f]!.imports.filter((i) => i.external).map((i) => i.path));
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    expect(externals.filter((e) => !builtins.has(e) && !RUNTIME_EXTERNALS.has(e))).toEqual([]);
    for (const file of new Set(files.map(fileOf))) {
      const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
      // An import or require of tsx, or of any .ts/.tsx/.mts/.cts file, in the shipped code.
      expect(text, file).not.toMatch(/(?:from|import|require)\s*\(?\s*["'](?:tsx(?:\/[^"']*)?|[^"']+\.[cm]?tsx?)["']/);
    }
  });

  it('stats loads neither the sender, the receiver, the UI server nor the renderer, and no .ts file', () => {
    const loaded = loadedModules(['stats', '--json', '--db', tempDbFile()]);
    expect(loaded.filter((url) => /\.[cm]?tsx?$|\/tsx\//.test(url))).toEqual([]);
    expect(loaded.filter((url) => url.includes('/dist/renderer/'))).toEqual([]);
    const sources = sourcesOf(loaded.map(outputOf));
    expect(sources).toContain('electron/server/commands/deliveries.ts');
    expect(sources.filter((s) => NOT_FOR_STATS.some((re) => re.test(s)))).toEqual([]);
  }, 60_000);

  it('stats loads few files: common.js and its own chunks, better-sqlite3 bundled (only its addon from node_modules), no bindings lookup', () => {
    const loaded = loadedModules(['stats', '--json', '--db', tempDbFile()]).filter((url) => url.startsWith('file:')).map(outputOf);
    expect(loaded).toContain(COMMON);
    expect(loaded.filter((file) => file.startsWith('dist/cli/')).length).toBeLessThanOrEqual(8);
    const fromNodeModules = loaded.filter((file) => file.includes('node_modules/'));
    expect(fromNodeModules).toContain('node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    // The OS keyring (secrets.protection) is the one package stats still loads from node_modules.
    expect(fromNodeModules.filter((file) => !file.endsWith('.node') && !file.includes('@napi-rs/keyring'))).toEqual([]);
  }, 60_000);

  it('serve does load the UI server and the sender (so the check above can fail)', () => {
    const files = new Set(reachableFromBin());
    const serveChunk = Object.keys(meta.outputs).find((o) => files.has(o) && 'electron/server/commands/serve.ts' in meta.outputs[o]!.inputs)!;
    const reach = new Set<string>();
    const stack = [serveChunk];
    while (stack.length) {
      const file = stack.pop()!;
      if (reach.has(file)) continue;
      reach.add(file);
      for (const imp of meta.outputs[file]!.imports) if (!imp.external) stack.push(imp.path);
    }
    const sources = sourcesOf([...reach]);
    expect(sources).toContain('electron/server/http-bridge.ts');
    expect(sources.some((s) => s.startsWith('electron/core/scheduler/'))).toBe(true);
  });

  it('--version prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = spawnSync(process.execPath, [CLI_ENTRY, '--version'], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout.trim()).toBe(pkg.version);
  });
});
