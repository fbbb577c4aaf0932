// A V8 code cache for the built CLI (dist/cli), so a command does not compile its ~450 kB of
// JavaScript again on every start (about a third of `hookscope stats`' start-up on Node 20).
//
// Node >= 22.1 has this built in (module.enableCompileCache()); on Node 20 the built CLI's files (plain
// CommonJS, see scripts/build-cli.mjs) are compiled through vm.Script with the cached data kept in the
// user's cache folder, the approach of the `v8-compile-cache` package. Never in the package's own
// folder, which may be read-only. Every failure falls back to a plain compile, silently:
// - a missing cache file: compiled as usual, and the cache is written when the process exits;
// - a stale one: the cache file's name carries a hash of the source, so a changed file never meets old
//   data. The build writes each file's hash and length beside the files (SOURCE_KEYS_FILE): hashing
//   ~450 kB of source on every start cost more than reading cached data (a file whose length no longer
//   matches is hashed here instead);
// - a corrupt one (truncated, bit-flipped, written by another Node): V8 crashes the process on some
//   corrupt payloads instead of rejecting them, so each file carries a SHA-1 of its payload, checked
//   before V8 sees it; V8 still rejects data of another V8 version or flags (cachedDataRejected);
// - an unwritable folder: nothing is written, the command runs as it would without a cache.
// HOOKSCOPE_CODE_CACHE=0 turns it off; HOOKSCOPE_CODE_CACHE_DIR moves it.
import crypto from 'node:crypto';
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import os from 'node:os';
import vm from 'node:vm';

/** The internal CommonJS API this hooks, as Node 20 has it (v8-compile-cache relies on the same). */
interface InternalModule {
  exports: unknown;
  filename: string;
  require(id: string): unknown;
  _compile(content: string, filename: string): unknown;
}
interface ModuleStatics {
  prototype: InternalModule;
  wrap(source: string): string;
  _resolveFilename(request: string, parent: InternalModule, isMain?: boolean, options?: unknown): string;
  _cache: unknown;
  _extensions: unknown;
}

const HASH_BYTES = 20; // SHA-1
/** Written by scripts/build-cli.mjs beside the built files: {"common.js": {"sha1": hex, "length": n}, …}. */
const SOURCE_KEYS_FILE = 'source-keys.json';
export type SourceKeys = Record<string, { sha1: string; length: number }>;
const Internal = Module as unknown as ModuleStatics;

/**
 * The per-user cache folder of each OS (data that may be deleted at any time). Here, not in the core's
 * paths.ts: the bin loads this file before the code cache is on, so it imports nothing of the core.
 */
function defaultCacheDir(): string {
  const home = os.homedir();
  if (process.platform === 'win32') return path.join(process.env.LOCALAPPDATA ?? path.join(home, 'AppData', 'Local'), 'Hookscope', 'Cache');
  if (process.platform === 'darwin') return path.join(home, 'Library', 'Caches', 'Hookscope');
  return path.join(process.env.XDG_CACHE_HOME || path.join(home, '.cache'), 'hookscope');
}

/** The folder for this Node build's cached data (cached data only fits the V8 that wrote it). */
function codeCacheDir(): string {
  const root = process.env.HOOKSCOPE_CODE_CACHE_DIR || path.join(defaultCacheDir(), 'code-cache');
  return path.join(root, `${process.version}-${process.arch}`);
}

const sha1 = (data: string | Uint8Array) => crypto.createHash('sha1').update(data).digest();

/** The cached data for `source`, or undefined when there is none or it fails its checksum. */
export function readCachedData(file: string): Buffer | undefined {
  let raw: Buffer;
  try {
    raw = fs.readFileSync(file);
  } catch {
    return undefined;
  }
  if (raw.length <= HASH_BYTES) return undefined;
  const payload = raw.subarray(HASH_BYTES);
  return sha1(payload).equals(raw.subarray(0, HASH_BYTES)) ? payload : undefined;
}

/** Writes cached data with its checksum, atomically (a concurrent run never reads half a file). */
export function writeCachedData(file: string, payload: Buffer): void {
  const temp = `${file}.${process.pid}.tmp`;
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(temp, Buffer.concat([sha1(payload), payload]));
    fs.renameSync(temp, file);
  } catch {
    // An unwritable or full cache folder: the next start compiles again, nothing else changes.
    try {
      fs.rmSync(temp, { force: true });
    } catch {
      // There was no folder to write it in.
    }
  }
}

export interface CodeCache {
  /** Writes the data of the files compiled without usable cached data (done at exit anyway). */
  writePending(): void;
  /** Compiles as Node does again (for tests). */
  disable(): void;
}

/**
 * Compiles every CommonJS file under `codeDir` with cached data from `cacheDir` from now on. Data for
 * files compiled without usable cached data is written when the process exits, after the command ran:
 * it then holds the functions the command compiled. `keys`: the files' hashes, from the build.
 */
export function enableCodeCache(codeDir: string, cacheDir = codeCacheDir(), keys: SourceKeys = {}): CodeCache {
  const prefix = codeDir.endsWith(path.sep) ? codeDir : codeDir + path.sep;
  const original = Internal.prototype._compile;
  const pending: Array<{ file: string; script: vm.Script }> = [];
  const writePending = () => {
    for (const { file, script } of pending.splice(0)) {
      try {
        writeCachedData(file, script.createCachedData());
        removeOlderVersions(file);
      } catch {
        // Never an error at exit, whatever happens: the next start compiles again.
      }
    }
  };
  Internal.prototype._compile = function compileWithCache(this: InternalModule, content: string, filename: string): unknown {
    // A file with import() (of an ES module package: smee-client, @ngrok/ngrok) compiles as Node does:
    // import() in a vm.Script needs an experimental option that prints a warning when it is used.
    if (!filename.startsWith(prefix) || content.includes('import(')) return original.call(this, content, filename);
    const source = content.startsWith('#!') ? `//${content.slice(2)}` : content; // the bin's shebang line
    const name = path.basename(filename);
    const built = Object.hasOwn(keys, name) ? keys[name] : undefined;
    const key = built && built.length === content.length && /^[0-9a-f]{40}$/.test(String(built.sha1)) ? built.sha1 : sha1(content).toString('hex');
    const cacheFile = path.join(cacheDir, `${name}-${key.slice(0, 16)}.v8`);
    const cachedData = readCachedData(cacheFile);
    const script = new vm.Script(Internal.wrap(source), { filename, cachedData });
    if (cachedData === undefined || script.cachedDataRejected) {
      if (pending.length === 0) process.once('exit', writePending);
      pending.push({ file: cacheFile, script });
    }
    const wrapper = script.runInThisContext({ displayErrors: true }) as (...args: unknown[]) => unknown;
    return wrapper.call(this.exports, this.exports, requireFor(this), this, filename, path.dirname(filename));
  };
  return {
    writePending,
    disable: () => {
      Internal.prototype._compile = original;
      process.removeListener('exit', writePending);
    },
  };
}

/** Versions of one file kept (two installed Hookscopes each keep theirs); older data is deleted. */
const KEPT_VERSIONS = 3;

/** Deletes all but the newest few cache files of the same built file (earlier builds, versions). */
function removeOlderVersions(file: string): void {
  const dir = path.dirname(file);
  const stem = path.basename(file).replace(/-[0-9a-f]+\.v8$/, '-');
  try {
    const siblings = fs
      .readdirSync(dir)
      .filter((n) => n.startsWith(stem) && n.endsWith('.v8') && /^[0-9a-f]+\.v8$/.test(n.slice(stem.length)))
      .map((n) => ({ file: path.join(dir, n), mtime: fs.statSync(path.join(dir, n)).mtimeMs }))
      .sort((a, b) => b.mtime - a.mtime);
    for (const old of siblings.slice(KEPT_VERSIONS)) fs.rmSync(old.file, { force: true });
  } catch {
    // Another process cleaning at the same time, or a folder we cannot list: left for the next write.
  }
}

/** The `require` a CommonJS module gets (what Node's internal makeRequireFunction builds). */
function requireFor(mod: InternalModule): NodeJS.Require {
  const require = ((id: string) => mod.require(id)) as NodeJS.Require;
  require.resolve = ((request: string, options?: unknown) => Internal._resolveFilename(request, mod, false, options)) as NodeJS.RequireResolve;
  require.main = process.mainModule;
  require.cache = Internal._cache as NodeJS.Require['cache'];
  require.extensions = Internal._extensions as NodeJS.Require['extensions'];
  return require;
}

/** Turns the code cache on for the built CLI's folder: Node's own where it has one, else ours. */
export function enableCliCodeCache(codeDir: string): void {
  if (process.env.HOOKSCOPE_CODE_CACHE === '0') return;
  try {
    const builtIn = (Module as { enableCompileCache?: (dir?: string) => unknown }).enableCompileCache;
    if (builtIn) {
      builtIn(process.env.HOOKSCOPE_CODE_CACHE_DIR || path.join(defaultCacheDir(), 'compile-cache'));
      return;
    }
    enableCodeCache(codeDir, codeCacheDir(), readSourceKeys(codeDir));
  } catch {
    // No cache folder to be found (no home directory): the CLI runs as it would without a cache.
  }
}

/** The build's list of hashes; without one (or with a damaged one) every file is hashed as it loads. */
function readSourceKeys(codeDir: string): SourceKeys {
  try {
    const keys: unknown = JSON.parse(fs.readFileSync(path.join(codeDir, SOURCE_KEYS_FILE), 'utf8'));
    return keys !== null && typeof keys === 'object' ? (keys as SourceKeys) : {};
  } catch {
    return {};
  }
}
