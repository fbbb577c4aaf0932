#!/usr/bin/env node
// Bundles the `hookscope` CLI and the `startHookscope` library into plain JavaScript in dist/cli/
// (esbuild; no tsx or TypeScript at run time). better-sqlite3 (native) stays external: a production
// dependency, loaded from node_modules. Code splitting turns every
// `import()` into its own chunk, so a command loads only what it uses (see electron/server/cli.ts).
// The chunks are then turned into CommonJS (dist/cli/package.json says so): Node 20 can compile
// CommonJS from a V8 code cache (electron/server/code-cache.ts; ES modules it compiles afresh on every
// start), and loads a CommonJS file with less work than an ES module (no async resolve/link per file).
// dist/cli/ must stay two folders below the package root: static.ts finds the UI at ../../dist/renderer.
//
// Run: node scripts/build-cli.mjs [--if-stale]   (--if-stale: only when a bundled source changed)
// Also writes dist/cli/meta.json (esbuild's metafile: which sources went into which chunk), read by the
// staleness check and by the tests that check what each command loads.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const OUT_DIR = path.join(ROOT, 'dist', 'cli');
export const META_FILE = path.join(OUT_DIR, 'meta.json');
const ENTRIES = { cli: 'electron/server/cli-bin.ts', library: 'electron/server/library.ts' };

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
 * better-sqlite3's JavaScript is bundled (compiled from the code cache, no module lookups: loading it
 * from node_modules was ~10 ms of every start); its native addon stays in node_modules. The core passes
 * the addon's path (store/db.ts); without one, better-sqlite3 asks the `bindings` package, which finds
 * the package's root from its caller's file name: bundled, it is told the root instead.
 */
const bundledBetterSqlite = {
  name: 'bundled-better-sqlite3',
  setup(build) {
    build.onLoad({ filter: /[\\/]better-sqlite3[\\/]lib[\\/]database\.js$/ }, async (args) => {
      const lookup = "require('bindings')('better_sqlite3.node')";
      const source = await fs.promises.readFile(args.path, 'utf8');
      if (!source.includes(lookup)) throw new Error(`better-sqlite3 changed: "${lookup}" not found in ${args.path}; update scripts/build-cli.mjs`);
      const told = "((root) => require('module').createRequire(root + '/package.json')('bindings')({ bindings: 'better_sqlite3.node', module_root: root }))(require('path').dirname(require.resolve('better-sqlite3/package.json')))";
      return { contents: source.replace(lookup, told), loader: 'js' };
    });
  },
};

/**
 * Node's built-in modules stay outside the bundle and are loaded with require(), as CommonJS does. A
 * default or namespace import of one is written as `const x = require("node:…")` before the chunk is
 * made CommonJS: esbuild would otherwise copy every export of the module onto a fresh object, each
 * behind a getter of its own, at every import site (~4,000 getters on each start of `stats`). Named
 * imports esbuild turns into property reads of the required module itself, at use.
 */
const BUILTIN_DEFAULT_IMPORT = /\bimport\s*(?:\*\s*as\s*)?([\w$]+)\s*(,\s*\{[^}]*\}\s*)?from\s*"(node:[\w/]+)";?/g;

function requiringBuiltins(code) {
  return code.replace(BUILTIN_DEFAULT_IMPORT, (_, name, named, spec) => `const ${name}=require(${JSON.stringify(spec)});${named ? `import${named.replace(/^,\s*/, '')}from${JSON.stringify(spec)};` : ''}`);
}

/** `import.meta.url` in a chunk made CommonJS: the file's URL, as it was as an ES module. */
const IMPORT_META_URL = '__hookscopeImportMetaUrl';
const IMPORT_META_BANNER = `var ${IMPORT_META_URL}=require("node:url").pathToFileURL(__filename).href;`;

/**
 * One ES module chunk of esbuild's split output as CommonJS. A relative `import()` of another chunk
 * becomes a require() (synchronous, through the code cache); `import()` of an external package stays,
 * because smee-client is an ES module, which Node 20 cannot require().
 */
async function toCommonJs(transform, file, code, dynamicChunks) {
  let replaced = 0;
  const withRequires = requiringBuiltins(code).replace(/\bimport\("(\.\/[\w-]+\.js)"\)/g, (_, spec) => {
    replaced++;
    return `Promise.resolve().then(()=>require(${JSON.stringify(spec)}))`;
  });
  if (replaced !== dynamicChunks) throw new Error(`${file}: found ${replaced} import() of chunks, esbuild's metafile lists ${dynamicChunks}; update scripts/build-cli.mjs`);
  const usesImportMeta = withRequires.includes('import.meta');
  const result = await transform(withRequires, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    loader: 'js',
    sourcefile: file,
    define: { 'import.meta.url': IMPORT_META_URL },
    banner: usesImportMeta ? IMPORT_META_BANNER : '',
    logLevel: 'warning',
  });
  if (/[\w$]\(require\("node:/.test(result.code)) throw new Error(`${file}: a built-in module is still imported through esbuild's ES module interop; update requiringBuiltins`);
  if (result.code.includes('import.meta')) throw new Error(`${file}: import.meta other than import.meta.url has no CommonJS equivalent here`);
  return result.code;
}

export const COMMON_FILE = 'dist/cli/common.js';
const BIN_FILE = 'dist/cli/cli.js';
const PROGRAM_SOURCE = 'electron/server/cli.ts';

/** The output files `from` loads before running: its static imports, theirs, and so on. */
function staticClosure(outputs, from) {
  const seen = new Set();
  const stack = [from];
  while (stack.length) {
    const file = stack.pop();
    if (seen.has(file)) continue;
    seen.add(file);
    for (const imp of outputs[file].imports) if (imp.kind === 'import-statement' && !imp.external) stack.push(imp.path);
  }
  return seen;
}

/**
 * The chunks every command loads: those the program (cli.ts) imports statically, except the few the
 * bin loads before turning the code cache on. esbuild makes ~25 chunks of them (one per set of
 * importers); as files, each costs a resolve, a stat, a read and a cache lookup on every start, so
 * they become one file, common.js. What a single command needs stays in chunks of its own.
 */
function commonChunks(outputs) {
  const program = Object.keys(outputs).find((o) => PROGRAM_SOURCE in outputs[o].inputs && o !== BIN_FILE);
  if (!program) throw new Error(`no chunk holds ${PROGRAM_SOURCE}; update scripts/build-cli.mjs`);
  const loadedByBin = staticClosure(outputs, BIN_FILE);
  return [...staticClosure(outputs, program)].filter((file) => !loadedByBin.has(file)).sort();
}

const CHUNK_REQUIRE = /\brequire\("\.\/(chunk-[\w]+\.js)"\)/g;

/** A file outside common.js: its require() of a chunk inside it asks common.js for that chunk. */
function requiringCommonChunks(rel, text, common, outputs) {
  const inCommon = (chunk) => common.includes(`dist/cli/${chunk}`);
  const expected = new Set(outputs[rel].imports.filter((i) => !i.external && common.includes(i.path)).map((i) => i.path)).size;
  const found = new Set();
  const rewritten = text.replace(CHUNK_REQUIRE, (call, chunk) => {
    if (!inCommon(chunk)) return call;
    found.add(chunk);
    return `require("./${path.basename(COMMON_FILE)}")(${JSON.stringify(chunk)})`;
  });
  if (found.size !== expected) throw new Error(`${rel}: ${found.size} chunks of common.js required, esbuild's metafile lists ${expected}; update scripts/build-cli.mjs`);
  return rewritten;
}

/**
 * common.js: each merged chunk as a function, run on its first require() as Node would run its file
 * (same exports, same order, cycles see partial exports). Its `__filename` is common.js, in the same
 * folder as the chunk was, so `import.meta.url`-relative paths (the UI's files) stay right.
 */
function commonFile(common, code) {
  // The code cache compiles a file with import() as Node does (electron/server/code-cache.ts): the
  // file every command loads must have none, or no command would start from the cache.
  const withImport = common.filter((rel) => code.get(rel).includes('import('));
  if (withImport.length) throw new Error(`${withImport.join(', ')}: import() in a chunk of common.js; keep ES module packages out of the program's static imports`);
  const chunks = common.map((rel) => `${JSON.stringify(path.basename(rel))}:function(exports,require,module,__filename,__dirname){${code.get(rel).replace(/^#!.*/, '')}\n}`);
  return `"use strict";
// Chunks every hookscope command loads, merged into one file (scripts/build-cli.mjs).
const chunks={${chunks.join(',\n')}};
const loaded=Object.create(null);
function requireChunk(name){let m=loaded[name];if(m)return m.exports;m=loaded[name]={exports:{}};chunks[name].call(m.exports,m.exports,requireInCommon,m,__filename,__dirname);return m.exports}
function requireInCommon(id){const name=id.startsWith("./chunk-")?id.slice(2):"";return Object.hasOwn(chunks,name)?requireChunk(name):require(id)}
module.exports=requireChunk;
`;
}

export async function buildCli() {
  const { build, transform } = await import('esbuild');
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
    write: false, // each chunk is made CommonJS first (toCommonJs)
    chunkNames: 'chunk-[hash]', // flat: every file's import.meta.url is two folders below the root
    // Outside the bundle: the native parts (better-sqlite3's addon, see bundledBetterSqlite; @ngrok/ngrok,
    // its agent, loaded only by `serve --tunnel ngrok`) and smee-client, loaded only by an endpoint's
    // relay, with its own HTTP stack (undici), whose optional node:sqlite cache Node 20 does not have.
    external: ['@ngrok/ngrok', 'smee-client'],
    metafile: true,
    legalComments: 'none',
    logLevel: 'warning',
    plugins: [englishOnlyZodLocales, lazyChildProcessInCommander, bundledBetterSqlite],
  });
  const outputs = result.metafile.outputs;
  const code = new Map();
  for (const out of result.outputFiles) {
    const rel = path.relative(ROOT, out.path);
    const dynamicChunks = outputs[rel].imports.filter((i) => i.kind === 'dynamic-import' && !i.external).length;
    code.set(rel, await toCommonJs(transform, rel, out.text, dynamicChunks)); // keeps the bin's #! line
  }
  const common = commonChunks(outputs);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  for (const [rel, text] of code) {
    if (!common.includes(rel)) fs.writeFileSync(path.join(ROOT, rel), requiringCommonChunks(rel, text, common, outputs));
  }
  fs.writeFileSync(path.join(ROOT, COMMON_FILE), commonFile(common, code));
  fs.writeFileSync(path.join(OUT_DIR, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
  writeSourceKeys();
  // `merged`: which of esbuild's chunks went into common.js (the tests map loaded files to sources with it).
  fs.writeFileSync(META_FILE, JSON.stringify({ ...result.metafile, merged: { [COMMON_FILE]: common } }));
  fs.chmodSync(path.join(OUT_DIR, 'cli.js'), 0o755);
  return result.metafile;
}

/**
 * Each built file's SHA-1 and length, for the code cache's file names (electron/server/code-cache.ts:
 * SOURCE_KEYS_FILE), so a start does not hash ~450 kB of source to find its cached data.
 */
function writeSourceKeys() {
  const keys = {};
  for (const name of fs.readdirSync(OUT_DIR).filter((n) => n.endsWith('.js')).sort()) {
    const text = fs.readFileSync(path.join(OUT_DIR, name), 'utf8');
    keys[name] = { sha1: crypto.createHash('sha1').update(text).digest('hex'), length: text.length };
  }
  fs.writeFileSync(path.join(OUT_DIR, 'source-keys.json'), `${JSON.stringify(keys)}\n`);
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
