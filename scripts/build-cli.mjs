#!/usr/bin/env node
// Bundles the `hookscope` CLI and the `startHookscope` library into plain JavaScript in dist/cli/
// (esbuild; no tsx or TypeScript at run time). better-sqlite3 (native) stays external: a production
// dependency, loaded from node_modules. Code splitting turns every
// `import()` into its own chunk, so a command loads only what it uses (see electron/server/cli.ts).
// dist/cli/ must stay two folders below the package root: static.ts finds the UI at ../../dist/renderer.
//
// Run: node scripts/build-cli.mjs [--if-stale]   (--if-stale: only when a bundled source changed)
// Also writes dist/cli/meta.json (esbuild's metafile: which sources went into which chunk), read by the
// staleness check and by the tests that check what each command loads.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(ROOT, 'dist', 'cli');
export const META_FILE = path.join(OUT_DIR, 'meta.json');
const ENTRIES = { cli: 'electron/server/cli.ts', library: 'electron/server/library.ts' };

/**
 * zod's `z` namespace carries every locale's error messages (about 60% of zod's code); we use the
 * English ones only, which `z` configures itself. Parsing the rest on every start cost ~40 ms.
 */
const englishOnlyZodLocales = {
  name: 'english-only-zod-locales',
  setup(build) {
    build.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: path.join(ROOT, 'node_modules/zod/v4/locales'),
    }));
  },
};

/**
 * commander requires node:child_process at load, for executable subcommands (`git-style` commands in
 * separate files), which Hookscope does not use; loading it brings node:net, node:dgram and streams,
 * ~10 ms of every start. Required on first use instead.
 */
const lazyChildProcessInCommander = {
  name: 'lazy-child-process-in-commander',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const eager = "const childProcess = require('node:child_process');";
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes(eager)) throw new Error(`commander changed: "${eager}" not found in ${args.path}; update scripts/build-cli.mjs`);
      return { contents: source.replace(eager, "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };"), loader: 'js' };
    });
  },
};

/**
 * Node's built-in modules are loaded with require(), not as ES modules: importing one as an ES module
 * builds its ES facade, which reads every export, and so runs node:fs's lazy getters (ReadStream,
 * promises) and loads the whole streams stack (~10% of `stats`' start in a CPU profile). required, a
 * built-in loads only what is used. `require` is the banner's createRequire.
 */
const builtinsByRequire = {
  name: 'builtins-by-require',
  setup(build) {
    build.onResolve({ filter: /^node:/ }, (args) => (args.namespace === 'builtin' ? { path: args.path, external: true } : { path: args.path, namespace: 'builtin' }));
    build.onLoad({ filter: /.*/, namespace: 'builtin' }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
  },
};

export async function buildCli() {
  const { build } = await import('esbuild');
  fs.rmSync(OUT_DIR, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: ENTRIES,
    outdir: OUT_DIR,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    minify: true,
    outExtension: { '.js': '.js' },
    chunkNames: 'chunk-[hash]', // flat: every file's import.meta.url is two folders below the root
    // Outside the bundle: the native packages (better-sqlite3; @ngrok/ngrok, its agent, loaded only by
    // `serve --tunnel ngrok`) and smee-client, loaded only by an endpoint's relay, with its own HTTP
    // stack (undici), whose optional node:sqlite cache Node 20 does not have.
    external: ['better-sqlite3', '@ngrok/ngrok', 'smee-client'],
    // Bundled CommonJS packages (commander) call require() for Node's built-ins.
    banner: { js: "import { createRequire as __hookscopeRequire } from 'node:module'; const require = __hookscopeRequire(import.meta.url);" },
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [englishOnlyZodLocales, lazyChildProcessInCommander, builtinsByRequire],
  });
  fs.writeFileSync(META_FILE, JSON.stringify(result.metafile));
  fs.chmodSync(path.join(OUT_DIR, 'cli.js'), 0o755);
  return result.metafile;
}

/** True when dist/cli is missing or older than one of the sources it was built from. */
export function cliIsStale() {
  let meta;
  let builtAt;
  try {
    meta = JSON.parse(fs.readFileSync(META_FILE, 'utf8'));
    builtAt = fs.statSync(META_FILE).mtimeMs;
  } catch {
    return true;
  }
  const sources = [...Object.keys(meta.inputs), 'scripts/build-cli.mjs', 'package.json'];
  return sources.some((file) => {
    try {
      return fs.statSync(path.join(ROOT, file)).mtimeMs > builtAt;
    } catch {
      return true; // a source that went away: its importer changed too
    }
  });
}

export async function ensureCliBuilt() {
  if (cliIsStale()) await buildCli();
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const ifStale = process.argv.includes('--if-stale');
  if (!ifStale || cliIsStale()) await buildCli();
}
