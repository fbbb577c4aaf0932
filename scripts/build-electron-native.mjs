#!/usr/bin/env node
// Builds better-sqlite3 for Electron's ABI into build/native/better_sqlite3.node, leaving the Node
// build in node_modules alone (the CLI and the tests keep using it). Electron's main process loads the
// result through better-sqlite3's `nativeBinding` option; electron-builder ships it as an extra
// resource. How: copy the package into a scratch project under build/native/.work and run
// @electron/rebuild there, which downloads better-sqlite3's prebuilt binary for this Electron ABI,
// platform and arch when it publishes one, or else Electron's headers, and compiles from source (about
// 2 minutes on 2 cores). Either way it needs internet: without it this fails
// with one line on stderr (exit 1), and `npm start` falls back to the headless UI.
// Run: node scripts/build-electron-native.mjs [--force]
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'build', 'native');
const BINDING = path.join(OUT_DIR, 'better_sqlite3.node');
const MANIFEST = path.join(OUT_DIR, 'better_sqlite3.json');
const WORK_DIR = path.join(OUT_DIR, '.work');
const TIMEOUT_MS = 15 * 60_000;

const require = createRequire(import.meta.url);

/** What the binding in build/native must match: a mismatch means it has to be built again. */
export function wantedManifest() {
  const electronPkg = require('electron/package.json');
  return {
    electron: electronPkg.version,
    abi: fs.readFileSync(path.join(path.dirname(require.resolve('electron/package.json')), 'abi_version'), 'utf8').trim(),
    betterSqlite3: require('better-sqlite3/package.json').version,
    platform: process.platform,
    arch: process.arch,
  };
}

/** True when build/native holds a binding built for this Electron, better-sqlite3, platform and arch. */
export function isUpToDate() {
  if (!fs.existsSync(BINDING) || !fs.existsSync(MANIFEST)) return false;
  try {
    return JSON.stringify(JSON.parse(fs.readFileSync(MANIFEST, 'utf8'))) === JSON.stringify(wantedManifest());
  } catch {
    return false;
  }
}

/**
 * Builds the binding unless an up-to-date one exists; throws an Error with a one-line message.
 * `onBuild` is called just before a build starts (it can take minutes: say so).
 */
export async function ensureElectronNative({ force = false, onBuild } = {}) {
  if (!force && isUpToDate()) return { manifest: wantedManifest(), fresh: false };
  onBuild?.(wantedManifest());
  const startedAt = Date.now();
  try {
    const { manifest, compiled } = await build();
    return { manifest, fresh: true, compiled, seconds: Math.round((Date.now() - startedAt) / 1000) };
  } catch (err) {
    fs.rmSync(WORK_DIR, { recursive: true, force: true });
    throw new Error(
      `could not build better-sqlite3 for Electron (it needs internet, to download a prebuilt binary or Electron's headers): ${firstLine(err)}`,
    );
  }
}

async function build() {
  const wanted = wantedManifest();
  const source = path.dirname(require.resolve('better-sqlite3/package.json'));
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  const moduleDir = path.join(WORK_DIR, 'node_modules', 'better-sqlite3');
  // Everything but the Node-ABI build output, so nothing stale can be mistaken for the result.
  fs.cpSync(source, moduleDir, { recursive: true, filter: (file) => !isInside(file, path.join(source, 'build')) });
  fs.writeFileSync(
    path.join(WORK_DIR, 'package.json'),
    JSON.stringify({ name: 'hookscope-native-build', private: true, dependencies: { 'better-sqlite3': wanted.betterSqlite3 } }),
  );
  // `npm run` exports ~/.npmrc's nodedir (=/usr on our machines) as npm_config_nodedir; node-gyp would
  // then compile against Node's headers and produce a binary Electron refuses to load.
  for (const key of Object.keys(process.env)) if (/^npm_config_nodedir$/i.test(key)) delete process.env[key];

  const { rebuild } = await import('@electron/rebuild');
  // @electron/rebuild dumps node-gyp's whole log on failure; keep it, and report its telling line.
  const log = [];
  const consoleError = console.error;
  console.error = (...args) => log.push(args.map(String).join(' '));
  try {
    await withTimeout(
      rebuild({ buildPath: WORK_DIR, electronVersion: wanted.electron, arch: wanted.arch, onlyModules: ['better-sqlite3'], force: true, mode: 'sequential' }),
      TIMEOUT_MS,
    );
  } catch (err) {
    const cause = log.join('\n').split('\n').map((l) => l.trim()).find((l) => /^(gyp ERR! )?\w*Error\b/.test(l));
    throw new Error(`${firstLine(err)}${cause ? ` (${cause})` : ''}`);
  } finally {
    console.error = consoleError;
  }
  const built = path.join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
  if (!fs.existsSync(built)) throw new Error(`the rebuild finished but ${path.relative(ROOT, built)} is missing`);
  // node-gyp's configure step writes config.gypi; a prebuilt download only unpacks build/Release.
  const compiled = fs.existsSync(path.join(moduleDir, 'build', 'config.gypi'));
  assertNotNodeAbi(built);
  fs.mkdirSync(OUT_DIR, { recursive: true });
  fs.copyFileSync(built, BINDING);
  fs.writeFileSync(MANIFEST, `${JSON.stringify(wanted, null, 2)}\n`);
  fs.rmSync(WORK_DIR, { recursive: true, force: true });
  return { manifest: wanted, compiled };
}

/** A binary Node can load was built for Node's ABI, not Electron's: refuse it. */
function assertNotNodeAbi(file) {
  try {
    process.dlopen({ exports: {} }, file);
  } catch {
    return; // expected: "compiled against a different Node.js version using NODE_MODULE_VERSION <electron's>"
  }
  throw new Error(`${path.relative(ROOT, file)} loads in Node ${process.version}: it was built for Node's ABI, not Electron's`);
}

/**
 * What the first start is about to do. better-sqlite3 publishes prebuilt binaries per Electron ABI and
 * platform (prebuild-install, from its GitHub releases); where it has none, @electron/rebuild compiles
 * it from source against Electron's headers. The time is what a compile of better-sqlite3 12.11.1 took
 * on a shared 2-core machine against Node's headers (113 s), used as a proxy for Electron's.
 */
export function buildingLine({ betterSqlite3, electron, abi, platform, arch }) {
  return (
    `building better-sqlite3 ${betterSqlite3} for Electron ${electron} (ABI ${abi}), first start only: ` +
    `its prebuilt binary for electron-v${abi}-${platform}-${arch} if one is published, else a compile from source (about 2 minutes on 2 cores)`
  );
}

function isInside(file, dir) {
  return file === dir || file.startsWith(dir + path.sep);
}

function withTimeout(promise, ms) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`gave up after ${ms / 60_000} minutes`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function firstLine(err) {
  const text = err instanceof Error ? err.message : String(err);
  return text.split('\n').map((l) => l.trim()).find(Boolean) ?? 'unknown error';
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { manifest, fresh, compiled, seconds } = await ensureElectronNative({
      force: process.argv.includes('--force'),
      onBuild: (wanted) => console.log(`hookscope: ${buildingLine(wanted)}`),
    });
    const where = path.relative(ROOT, BINDING);
    const how = compiled ? `compiled from source in ${seconds} s` : `prebuilt binary downloaded in ${seconds} s`;
    console.log(
      fresh
        ? `built better-sqlite3 ${manifest.betterSqlite3} for Electron ${manifest.electron} (ABI ${manifest.abi}), ${how}: ${where}`
        : `better-sqlite3 for Electron ${manifest.electron} is up to date: ${where}`,
    );
  } catch (err) {
    process.stderr.write(`hookscope: ${firstLine(err)}\n`);
    process.exitCode = 1;
  }
}
