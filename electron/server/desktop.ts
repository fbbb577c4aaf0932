// Whether the desktop app can open on this machine, and opening it. One rule for `hookscope app` and
// `npm start` (which builds, then runs `hookscope app`): open the Electron app when its runtime, its
// build and a display are there; otherwise say in one line why and how to get it, and start the
// headless UI instead, so the user is always left with a working UI.
// Node only: this runs in the CLI and never imports Electron's API.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchElectron } from '../../scripts/electron-launch.mjs';

/** The package root: this file runs from electron/server/ (sources) or dist/cli/ (built), two below it. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The Electron package, resolved from Node: its main export is the binary's path. Named through a
 * constant because the layering rule (rightly) rejects an `electron` import outside the shell.
 */
const ELECTRON_PACKAGE = 'electron';

const HOW_TO_GET_IT = 'the desktop app runs from a clone of the repository (`npm ci && npm start`) or an installer made with `npm run dist`';

/** Why the desktop app cannot start here, or null when it can. */
export function whyDesktopCannotRun(root = PACKAGE_ROOT, env: NodeJS.ProcessEnv = process.env): string | null {
  const require = createRequire(path.join(root, 'package.json'));
  let electronDir: string;
  try {
    electronDir = path.dirname(require.resolve(`${ELECTRON_PACKAGE}/package.json`));
  } catch {
    return `the Electron runtime is not installed (${HOW_TO_GET_IT})`;
  }
  const binary = electronBinary(require) ?? downloadElectron(require, electronDir, env);
  if (!binary) {
    return 'the Electron runtime is not installed (node_modules/electron has no binary and it could not be downloaded: run `node node_modules/electron/install.js` with internet access)';
  }
  if (!fs.existsSync(binary)) return `the Electron runtime is missing (${binary} does not exist)`;
  if (!fs.existsSync(path.join(root, 'dist/electron/main.js'))) {
    return fs.existsSync(path.join(root, 'electron/main'))
      ? 'the desktop app is not built (run `npm run build:electron`, or `npm start`)'
      : `this install has no desktop app (${HOW_TO_GET_IT})`;
  }
  if (process.platform === 'linux' && !env.DISPLAY && !env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  return nativeBindingProblem(root);
}

/**
 * Opens the desktop app in the foreground: signals go to it, and its exit code becomes ours. Resolves
 * only when Electron died at once in a way that means it cannot run here (its sandbox aborting on
 * Ubuntu 23.10+, see scripts/electron-launch.mjs), with the one-line reason, so the caller can start
 * the headless UI instead.
 */
export async function openDesktop(root = PACKAGE_ROOT): Promise<string> {
  const binary = electronBinary(createRequire(path.join(root, 'package.json')))!;
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
  const exit = await launchElectron(binary, [root], { cwd: root, env }).catch((err: Error) => {
    throw new Error(`could not start the desktop app: ${err.message}`);
  });
  if (exit.problem) return exit.problem;
  process.exit(exit.code ?? 128 + (exit.signal ? os.constants.signals[exit.signal] : 1));
}

/** Requiring the electron package from Node returns the binary's path, and throws when it was never downloaded. */
function electronBinary(require: NodeJS.Require): string | null {
  try {
    return require(ELECTRON_PACKAGE) as string;
  } catch {
    return null;
  }
}

/**
 * package.json's allowScripts keeps electron's postinstall from running during `npm ci` (it would fail
 * the install on machines without internet), so the first start fetches the binary with electron's
 * own installer. ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips this, as it does for that installer.
 */
function downloadElectron(require: NodeJS.Require, electronDir: string, env: NodeJS.ProcessEnv): string | null {
  if (env.ELECTRON_SKIP_BINARY_DOWNLOAD) return null;
  const installer = path.join(electronDir, 'install.js');
  const result = spawnSync(process.execPath, [installer], { cwd: electronDir, stdio: 'ignore', timeout: 300_000 });
  if (result.status !== 0) return null;
  process.stderr.write('hookscope: downloaded the Electron runtime (first start only).\n');
  delete require.cache[require.resolve(ELECTRON_PACKAGE)];
  return electronBinary(require);
}

/** Builds better-sqlite3 for Electron when needed; its one-line failure becomes ours. */
function nativeBindingProblem(root: string): string | null {
  const script = path.join(root, 'scripts/build-electron-native.mjs');
  if (!fs.existsSync(script)) return `better-sqlite3 has no Electron build here (${HOW_TO_GET_IT})`;
  const result = spawnSync(process.execPath, [script], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.status === 0) return null;
  const line = (result.stderr ?? '').trim().split('\n').pop() ?? '';
  return line.replace(/^hookscope: /, '') || 'better-sqlite3 could not be built for Electron';
}
