#!/usr/bin/env node
// `npm start`: build the UI, the Electron entry points and the CLI, then run `hookscope app`, which
// opens the desktop app, or, when it cannot run here (the Electron binary was never downloaded, no
// display over SSH, better-sqlite3 could not be built for Electron, or Electron's sandbox aborted it at
// once, as AppArmor makes it do on Ubuntu 23.10+), says why in one line and
// starts the headless UI (`hookscope serve`) instead: `npm start` always leaves the user with a
// working UI. The rule itself lives in electron/server/desktop.ts, shared with `hookscope app`.
// Usage: npm start [-- --no-build] [-- --headless] [-- <hookscope serve options>, used when headless]
import { spawn, spawnSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist/cli/cli.js');

const args = process.argv.slice(2);
const noBuild = args.includes('--no-build');
const appArgs = args.filter((a) => a !== '--no-build');

if (!noBuild) {
  for (const script of ['build:renderer', 'build:electron']) runNpmScript(script);
  runNode(path.join(ROOT, 'scripts/build-cli.mjs'), ['--if-stale']);
}
run(process.execPath, [CLI, 'app', ...appArgs]);

function runNpmScript(script) {
  // Under `npm start`, npm_execpath is npm's own CLI: reuse it rather than finding npm on PATH.
  const npm = process.env.npm_execpath;
  const [command, commandArgs] = npm && /\.[cm]?js$/.test(npm) ? [process.execPath, [npm, 'run', script]] : ['npm', ['run', script]];
  const result = spawnSync(command, commandArgs, { cwd: ROOT, stdio: 'inherit', shell: process.platform === 'win32' && command === 'npm' });
  if (result.status !== 0) buildFailed(`npm run ${script}`, result.status);
}

function runNode(script, scriptArgs) {
  const result = spawnSync(process.execPath, [script, ...scriptArgs], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) buildFailed(`node ${path.relative(ROOT, script)}`, result.status);
}

function buildFailed(what, status) {
  process.stderr.write(`hookscope: \`${what}\` failed; fix the build, or run with --no-build to use the last one.\n`);
  process.exit(status ?? 1);
}

/** Runs `hookscope app` in the foreground: signals go to it, its exit code is ours. */
function run(command, commandArgs) {
  const child = spawn(command, commandArgs, { cwd: ROOT, stdio: 'inherit' });
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
