// The built CLI's V8 code cache (electron/server/code-cache.ts) on the Node that runs the tests (20:
// our own vm.Script cache). The cache only ever makes a start faster: a missing, corrupt, stale or
// unwritable cache leaves every command working, silent, with the same output. Runs the real bin.
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enableCodeCache, readCachedData, writeCachedData, type SourceKeys } from '../../../electron/server/code-cache.js';
import { runCli } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

const nodeBuild = `${process.version}-${process.arch}`;
let db: string;

/** `stats --json` with the code cache in `cacheRoot`: its exit code, stderr and stats. */
async function stats(cacheRoot: string) {
  const run = await runCli(['stats', '--json', '--db', db], { env: { HOOKSCOPE_CODE_CACHE_DIR: cacheRoot, HOOKSCOPE_CODE_CACHE: '' } });
  return { code: run.code, stderr: run.stderr, stats: run.code === 0 ? (JSON.parse(run.stdout) as { deliveries: number; endpoints: number }) : null };
}

/** The cache files of one cache folder, by name, with their bytes. */
function cacheFiles(cacheRoot: string): Map<string, Buffer> {
  const dir = path.join(cacheRoot, nodeBuild);
  if (!fs.existsSync(dir)) return new Map();
  return new Map(fs.readdirSync(dir).map((name) => [name, fs.readFileSync(path.join(dir, name))]));
}

/** The cache file of the file every command loads (common.js): the largest. */
function commonCacheFile(cacheRoot: string): string {
  const dir = path.join(cacheRoot, nodeBuild);
  const name = fs.readdirSync(dir).find((n) => n.startsWith('common.js-'));
  expect(name, 'a cache file for common.js').toBeDefined();
  return path.join(dir, name!);
}

beforeAll(async () => {
  db = tempDbFile();
  const first = await runCli(['stats', '--json', '--db', db], { env: { HOOKSCOPE_CODE_CACHE: '0' } }); // creates the database
  expect(first.code, first.stderr).toBe(0);
});
afterAll(removeTempDirs);

describe('the built CLI code cache', () => {
  it('is written on the first run and used, unchanged, by the next', async () => {
    const root = tempDir('hookscope-code-cache-');
    const first = await stats(root);
    expect(first).toMatchObject({ code: 0, stderr: '' });
    const written = cacheFiles(root);
    expect([...written.keys()].some((n) => n.startsWith('common.js-'))).toBe(true);
    for (const name of written.keys()) expect(readCachedData(path.join(root, nodeBuild, name)), name).toBeDefined();
    const mtimes = [...written.keys()].map((n) => fs.statSync(path.join(root, nodeBuild, n)).mtimeMs);
    const second = await stats(root);
    expect(second).toEqual(first);
    // Accepted data is not written again.
    expect([...cacheFiles(root).keys()].map((n) => fs.statSync(path.join(root, nodeBuild, n)).mtimeMs)).toEqual(mtimes);
  });

  it('HOOKSCOPE_CODE_CACHE=0 writes nothing', async () => {
    const root = tempDir('hookscope-code-cache-');
    const run = await runCli(['stats', '--json', '--db', db], { env: { HOOKSCOPE_CODE_CACHE_DIR: root, HOOKSCOPE_CODE_CACHE: '0' } });
    expect(run.code, run.stderr).toBe(0);
    expect(cacheFiles(root).size).toBe(0);
  });

  it('a corrupt cache file (bytes flipped in its payload) is refused before V8 reads it, and written again', async () => {
    const root = tempDir('hookscope-code-cache-');
    const clean = await stats(root);
    const file = commonCacheFile(root);
    const bytes = fs.readFileSync(file);
    // V8 does not checksum cached data: fed these bytes, it aborts the process ("Fatal error ... unreachable code").
    for (let i = 64; i < bytes.length; i += 97) bytes[i] = bytes[i]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    expect(readCachedData(file)).toBeUndefined();
    const run = await stats(root);
    expect(run).toEqual(clean);
    expect(readCachedData(file), 'rewritten with a valid checksum').toBeDefined();
  });

  it('a truncated or empty cache file is ignored and written again', async () => {
    const root = tempDir('hookscope-code-cache-');
    const clean = await stats(root);
    const file = commonCacheFile(root);
    for (const damaged of [fs.readFileSync(file).subarray(0, 1000), Buffer.alloc(0), Buffer.from('not a cache')]) {
      fs.writeFileSync(file, damaged);
      expect(await stats(root)).toEqual(clean);
      expect(readCachedData(file)).toBeDefined();
    }
  });

  it('data that passes the checksum but was made for other code is rejected by V8 and replaced', async () => {
    const root = tempDir('hookscope-code-cache-');
    const clean = await stats(root);
    const file = commonCacheFile(root);
    const other = [...cacheFiles(root).keys()].map((n) => path.join(root, nodeBuild, n)).find((f) => f !== file)!;
    const foreign = readCachedData(other)!;
    writeCachedData(file, foreign); // a valid file for another chunk, under common.js's name
    expect(await stats(root)).toEqual(clean);
    expect(readCachedData(file)!.equals(foreign)).toBe(false);
  });

  it('an unwritable cache folder changes nothing: same output, nothing on stderr', async () => {
    const dir = tempDir('hookscope-code-cache-');
    const notAFolder = path.join(dir, 'file');
    fs.writeFileSync(notAFolder, 'a file where the cache folder would be');
    const clean = await stats(tempDir('hookscope-code-cache-'));
    const run = await stats(path.join(notAFolder, 'cache')); // mkdir fails with ENOTDIR, as root too
    expect(run).toEqual(clean);
    expect(fs.readFileSync(notAFolder, 'utf8')).toBe('a file where the cache folder would be');
  });
});

describe('cache files', () => {
  it('round-trip with their checksum; a file that fails it reads as missing', () => {
    const file = path.join(tempDir('hookscope-code-cache-'), 'deep', 'x.v8');
    writeCachedData(file, Buffer.from('payload bytes'));
    expect(readCachedData(file)?.toString()).toBe('payload bytes');
    const bytes = fs.readFileSync(file);
    bytes[bytes.length - 1] = bytes[bytes.length - 1]! ^ 1;
    fs.writeFileSync(file, bytes);
    expect(readCachedData(file)).toBeUndefined();
    expect(readCachedData(path.join(path.dirname(file), 'missing.v8'))).toBeUndefined();
  });

  it('writing into a folder that cannot be created neither throws nor leaves a temporary file', () => {
    const dir = tempDir('hookscope-code-cache-');
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(() => writeCachedData(path.join(dir, 'file', 'x.v8'), Buffer.from('data'))).not.toThrow();
    expect(fs.readdirSync(dir)).toEqual(['file']);
  });
});

describe('the cache in this process (enableCodeCache)', () => {
  /** A folder of CommonJS files to load through the cache. */
  function codeDir(files: Record<string, string>): string {
    const dir = tempDir('hookscope-code-');
    fs.writeFileSync(path.join(dir, 'package.json'), '{"type":"commonjs"}');
    for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  }
  const sha1 = (text: string) => crypto.createHash('sha1').update(text).digest('hex');

  it("names cache files by the build's hash when the length matches, else by the source's own hash", () => {
    const same = 'module.exports = 1;';
    const edited = 'module.exports = 22;';
    const dir = codeDir({ 'same.js': same, 'edited.js': edited });
    const cacheDir = tempDir('hookscope-code-cache-');
    // As if the build hashed `edited.js` before it was changed to a different length.
    const cache = enableCodeCache(dir, cacheDir, { 'same.js': { sha1: 'ab'.repeat(20), length: same.length }, 'edited.js': { sha1: 'cd'.repeat(20), length: edited.length - 1 } });
    try {
      const load = createRequire(path.join(dir, 'x.js'));
      expect(load('./same.js')).toBe(1);
      expect(load('./edited.js')).toBe(22);
      cache.writePending();
    } finally {
      cache.disable();
    }
    expect(fs.readdirSync(cacheDir).sort()).toEqual([`edited.js-${sha1(edited).slice(0, 16)}.v8`, `same.js-${'ab'.repeat(8)}.v8`]);
  });

  it('a damaged list of source hashes (wrong shapes) only means hashing the files here', () => {
    const dir = codeDir({ 'a.js': 'module.exports = "a";', 'b.js': 'module.exports = "b";' });
    const cacheDir = tempDir('hookscope-code-cache-');
    const keys = { 'a.js': null, 'b.js': { sha1: '../../escape', length: 'module.exports = "b";'.length } } as unknown as SourceKeys;
    const cache = enableCodeCache(dir, cacheDir, keys);
    try {
      const load = createRequire(path.join(dir, 'x.js'));
      expect([load('./a.js'), load('./b.js')]).toEqual(['a', 'b']);
      cache.writePending();
    } finally {
      cache.disable();
    }
    expect(fs.readdirSync(cacheDir).sort()).toEqual([`a.js-${sha1('module.exports = "a";').slice(0, 16)}.v8`, `b.js-${sha1('module.exports = "b";').slice(0, 16)}.v8`]);
  });

  it('compiles a file with import() as Node does: the import works and no cache file is written for it', async () => {
    const dir = codeDir({ 'dynamic.js': 'module.exports = import("node:os").then((os) => typeof os.homedir);' });
    const cacheDir = tempDir('hookscope-code-cache-');
    const cache = enableCodeCache(dir, cacheDir);
    try {
      await expect(createRequire(path.join(dir, 'x.js'))('./dynamic.js')).resolves.toBe('function');
      cache.writePending();
    } finally {
      cache.disable();
    }
    expect(fs.readdirSync(cacheDir)).toEqual([]);
  });

  it('keeps the newest three versions of a file, deleting older ones when it writes', () => {
    const cacheDir = tempDir('hookscope-code-cache-');
    const old = ['1111111111111111', '2222222222222222', '3333333333333333'].map((h, i) => {
      const file = path.join(cacheDir, `a.js-${h}.v8`);
      writeCachedData(file, Buffer.from('old'));
      fs.utimesSync(file, new Date(2020, 0, i + 1), new Date(2020, 0, i + 1));
      return path.basename(file);
    });
    writeCachedData(path.join(cacheDir, 'b.js-4444444444444444.v8'), Buffer.from('another file'));
    const dir = codeDir({ 'a.js': 'module.exports = "new";' });
    const cache = enableCodeCache(dir, cacheDir);
    try {
      expect(createRequire(path.join(dir, 'x.js'))('./a.js')).toBe('new');
      cache.writePending();
    } finally {
      cache.disable();
    }
    const left = fs.readdirSync(cacheDir).sort();
    expect(left).not.toContain(old[0]); // the oldest
    expect(left).toEqual(expect.arrayContaining([old[1], old[2], 'b.js-4444444444444444.v8']));
    expect(left).toHaveLength(4);
  });
});
