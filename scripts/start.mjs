#!/usr/bin/env node
// `npm start`: build the UI and the Electron entry points, then open the desktop app. When the app
// cannot run here (the Electron binary was never downloaded, no display over SSH, better-sqlite3
// could not be built for Electron, or Electron's sandbox aborted it at once, as AppArmor makes it do on
// Ubuntu 23.10+) it says why in one line and starts the headless UI instead
// (`hookscope serve`), whose URL it prints: `npm start` always leaves the user with a working UI.
// Usage: npm start [-- --no-build] [-- --headless] [-- <hookscope serve options>, used when headless]
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchElectron } from './electron-launch.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const forceHeadless = args.includes('--headless');
const serveArgs = args.filter((a) => a !== '--no-build' && a !== '--headless');

if (!noBuild) {
  for (const script of ['build:renderer', 'build:electron']) runNpmScript(script);
}

const problem = forceHeadless ? 'headless mode requested' : whyElectronCannotRun();
if (problem) {
  startHeadless(problem);
} else {
  const env = { ...process.env };
  delete env.ELECTRON_RUN_AS_NODE; // would start Electron as plain Node
  // Electron can still die at once when its sandbox cannot start (Ubuntu 23.10+): electron-launch.mjs.
  const exit = await launchElectron(electronBinary(), ['.'], { cwd: ROOT, env }).catch((err) => {
    process.stderr.write(`hookscope: could not start Electron: ${err.message}\n`);
    process.exit(1);
  });
  if (exit.problem) startHeadless(exit.problem);
  else process.exit(exit.code ?? 128 + (os.constants.signals[exit.signal] ?? 1));
}

function startHeadless(problem) {
  process.stderr.write(`hookscope: ${problem}; starting the headless UI instead (hookscope serve).\n`);
  run(process.execPath, ['--import', 'tsx', path.join(ROOT, 'electron/server/cli.ts'), 'serve', ...serveArgs]);
}

/** Why the desktop app cannot start on this machine, or null when it can. */
function whyElectronCannotRun() {
  let binary;
  try {
    binary = electronBinary();
  } catch {
    if (!downloadElectron()) {
      return 'the Electron runtime is not installed (node_modules/electron has no binary and it could not be downloaded)';
    }
    binary = electronBinary();
  }
  if (!fs.existsSync(binary)) return `the Electron runtime is missing (${binary} does not exist)`;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'there is no display (DISPLAY and WAYLAND_DISPLAY are unset)';
  }
  return nativeBindingProblem();
}

/**
 * package.json's allowScripts keeps electron's postinstall from running during `npm ci` (it would
 * fail the install on machines without internet), so the first `npm start` fetches the binary with
 * electron's own installer. ELECTRON_SKIP_BINARY_DOWNLOAD=1 skips this, as it does for that installer.
 */
function downloadElectron() {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return false;
  const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  const result = spawnSync(process.execPath, [installer], { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'], timeout: 300_000 });
  if (result.status !== 0) return false;
  process.stderr.write('hookscope: downloaded the Electron runtime (first start only).\n');
  delete require.cache[require.resolve('electron')];
  try {
    return fs.existsSync(electronBinary());
  } catch {
    return false;
  }
}

/** `require('electron')` from Node returns the binary's path, and throws when it was never downloaded. */
function electronBinary() {
  return require('electron');
}

/** Builds better-sqlite3 for Electron when needed; its one-line failure becomes ours. */
function nativeBindingProblem() {
  const script = path.join(ROOT, 'scripts/build-electron-native.mjs');
  const result = spawnSync(process.execPath, [script], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'inherit', 'pipe'] });
  if (result.status === 0) return null;
  const line = (result.stderr ?? '').trim().split('\n').pop() ?? '';
  return line.replace(/^hookscope: /, '') || 'better-sqlite3 could not be built for Electron';
}

function runNpmScript(script) {
  // Under `npm start`, npm_execpath is npm's own CLI: reuse it rather than finding npm on PATH.
  const npm = process.env.npm_execpath;
  const [command, commandArgs] = npm && /\.[cm]?js$/.test(npm) ? [process.execPath, [npm, 'run', script]] : ['npm', ['run', script]];
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' && command === 'npm' });
  if (result.status !== 0) {
    process.stderr.write(`hookscope: \`npm run ${script}\` failed; fix the build, or run with --no-build to use the last one.\n`);
    process.exit(result.status ?? 1);
  }
}

/** Runs the headless server in the foreground: signals go to it, its exit code is ours. */
function run(command, commandArgs, env = process.env) {
  const child = spawn(command, commandArgs, { cwd: ROOT, env, stdio: 'inherit' });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    });
  }
  child.on('error', (err) => {
    process.stderr.write(`hookscope: could not start ${command}: ${err.message}\n`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (os.constants.signals[signal] ?? 1)));
}
