// Launching the desktop app, and the one exit after which `npm start` (and `hookscope app`, which
// follows the same rule) starts the headless UI instead of passing the failure on.
//
// On Ubuntu 23.10 and later, AppArmor lets only processes with a profile that allows it create
// unprivileged user namespaces. Chromium's sandbox needs one; without it, it falls back to the SUID
// helper `chrome-sandbox`, which in node_modules (or an AppImage's mount) is not root-owned with mode
// 4755, so Electron aborts at once with a FATAL line and SIGTRAP (exit status 133 in a shell): see
// electron/electron#42510 and electron-builder#8440. The app never ran, so starting the headless UI
// keeps the promise that `npm start` always leaves a working UI. Running without the sandbox is not
// an option offered: the window renders untrusted webhook payloads.
import { spawn } from 'node:child_process';

/** Chromium's words when its sandbox cannot start (setuid_sandbox_host.cc, zygote_host_impl_linux.cc). */
const SANDBOX_FAILURE = /SUID sandbox helper binary was found, but is not configured correctly|setuid_sandbox_host|No usable sandbox!|chrome-sandbox/;

/** The sandbox aborts before the first window; a SIGTRAP after this long is a crash, not the sandbox. */
export const SANDBOX_ABORT_WINDOW_MS = 15_000;

const SIGTRAP_STATUS = 128 + 5;

const FIX =
  'on Ubuntu 23.10+ AppArmor blocks the user namespaces Chromium\'s sandbox needs: the .deb installs an AppArmor profile that allows them; ' +
  'for npm start or the AppImage see "Ubuntu 23.10 and later" in docs/electron.md';

/**
 * Why Electron's exit means the desktop app cannot run here (one line, for "hookscope: <it>; starting
 * the headless UI instead"), or null when the exit is the app's own and is passed on as it is.
 * @param {{ code: number | null, signal: NodeJS.Signals | null, stderr: string, ranMs: number, platform?: NodeJS.Platform }} exit
 * @returns {string | null}
 */
export function electronExitProblem({ code, signal, stderr, ranMs, platform = process.platform }) {
  if (platform !== 'linux') return null;
  if (signal === null && (code === 0 || code === null)) return null; // the user quit the app
  if (SANDBOX_FAILURE.test(stderr)) return `Electron's sandbox could not start (${FIX})`;
  const trapped = signal === 'SIGTRAP' || code === SIGTRAP_STATUS;
  if (trapped && ranMs < SANDBOX_ABORT_WINDOW_MS) {
    return `Electron stopped with SIGTRAP as it started, as it does when its sandbox cannot start (${FIX})`;
  }
  return null;
}

/** How much of Electron's stderr is kept to look for the sandbox's FATAL line (it comes first). */
const STDERR_KEPT = 64 * 1024;

/**
 * Runs Electron in the foreground: its stdout and stderr reach the terminal as they come (stderr is
 * also kept, to read the cause of an early exit), and SIGINT/SIGTERM/SIGHUP are passed to it.
 * Resolves when it exits, with `problem` set when the headless UI should start instead.
 * @param {string} binary
 * @param {string[]} args
 * @param {{ cwd: string, env: NodeJS.ProcessEnv }} options
 * @returns {Promise<{ code: number | null, signal: NodeJS.Signals | null, problem: string | null }>}
 */
export function launchElectron(binary, args, { cwd, env }) {
  const startedAt = Date.now();
  const child = spawn(binary, args, { cwd, env, stdio: ['inherit', 'inherit', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    process.stderr.write(chunk);
    if (stderr.length < STDERR_KEPT) stderr += chunk.toString('utf8');
  });
  const forward = (signal) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  };
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, forward);
  return new Promise((resolve, reject) => {
    child.on('error', (err) => {
      for (const signal of signals) process.off(signal, forward);
      reject(err);
    });
    child.on('close', (code, signal) => {
      for (const signal of signals) process.off(signal, forward);
      resolve({ code, signal, problem: electronExitProblem({ code, signal, stderr, ranMs: Date.now() - startedAt }) });
    });
  });
}
