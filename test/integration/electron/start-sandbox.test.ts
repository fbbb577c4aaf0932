// `npm start` (scripts/start.mjs) where Electron is installed and starts, but dies at once because
// Chromium's sandbox cannot start, as on Ubuntu 23.10+ with AppArmor: one line says why and where the
// fix is, then the headless UI starts. Electron is played by a script that prints Electron's FATAL line
// and kills itself with SIGTRAP (or exits as told). The scripts run from a scratch copy of the project
// whose build/native holds an up-to-date Electron binding record, so nothing is built or downloaded.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { wantedManifest } from '../../../scripts/build-electron-native.mjs';
import { callApi, ROOT } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

const SUID_FATAL =
  "[4242:1206/214501.123456:FATAL:sandbox/linux/suid/client/setuid_sandbox_host.cc:166] The SUID sandbox helper binary was found, but is not configured correctly. Rather than run without sandboxing I'm aborting now. You need to make sure that /home/dev/hookscope/node_modules/electron/dist/chrome-sandbox is owned by root and has mode 4755.";

/** A project root where start.mjs finds an up-to-date binding and a fake Electron that behaves as `script` says. */
function scratchProject(script: string): { root: string; env: NodeJS.ProcessEnv } {
  const root = tempDir('hookscope-start-');
  fs.mkdirSync(path.join(root, 'scripts'));
  for (const file of ['start.mjs', 'electron-launch.mjs', 'build-electron-native.mjs']) {
    fs.copyFileSync(path.join(ROOT, 'scripts', file), path.join(root, 'scripts', file));
  }
  for (const entry of ['node_modules', 'electron', 'shared', 'package.json', 'tsconfig.json', 'tsconfig.base.json']) {
    if (fs.existsSync(path.join(ROOT, entry))) fs.symlinkSync(path.join(ROOT, entry), path.join(root, entry));
  }
  // The built CLI is copied, not linked: it finds the project root from its own path (Node resolves a
  // linked main module to its real place), and the root must be this scratch copy.
  fs.mkdirSync(path.join(root, 'dist'));
  fs.cpSync(path.join(ROOT, 'dist/cli'), path.join(root, 'dist/cli'), { recursive: true });
  if (fs.existsSync(path.join(ROOT, 'dist/renderer'))) fs.symlinkSync(path.join(ROOT, 'dist/renderer'), path.join(root, 'dist/renderer'));
  // The desktop app's entry only has to exist (the fake Electron never loads it): unit tests run before the build.
  fs.mkdirSync(path.join(root, 'dist/electron'));
  fs.writeFileSync(path.join(root, 'dist/electron/main.js'), '// never loaded: Electron is a fake here\n');
  const native = path.join(root, 'build', 'native');
  fs.mkdirSync(native, { recursive: true });
  fs.writeFileSync(path.join(native, 'better_sqlite3.node'), 'never loaded: Electron is a fake here');
  fs.writeFileSync(path.join(native, 'better_sqlite3.json'), JSON.stringify(wantedManifest()));
  const dist = path.join(root, 'fake-electron-dist');
  fs.mkdirSync(dist);
  const binary = path.join(dist, 'electron');
  fs.writeFileSync(binary, `#!/bin/sh\nulimit -c 0\n${script}\n`, { mode: 0o755 });
  return { root, env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: dist, DISPLAY: ':0', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' } };
}

interface Outcome {
  child: ChildProcess;
  stderr: () => string;
  uiUrl: Promise<string>;
  exit: Promise<number | null>;
}

function npmStart(script: string): Outcome {
  const { root, env } = scratchProject(script);
  const child = spawn(
    process.execPath,
    [path.join(root, 'scripts/start.mjs'), '--no-build', '--db', tempDbFile(), '--receiver-port', '0', '--ui-port', '0'],
    { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const uiUrl = new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no UI URL within 30 s:\n${stderr}`)), 30_000);
    void exit.then((code) => {
      clearTimeout(timer);
      reject(new Error(`start exited with ${code}:\n${stderr}`));
    });
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      const url = /https?:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+/.exec(line)?.[0];
      if (!url) return;
      clearTimeout(timer);
      resolve(url);
    });
  });
  uiUrl.catch(() => {}); // awaited by the tests that expect it
  return { child, stderr: () => stderr, uiUrl, exit };
}

function stop(outcome: Outcome): Promise<number | null> {
  if (outcome.child.exitCode === null) outcome.child.kill('SIGTERM');
  return outcome.exit;
}

afterAll(removeTempDirs);

describe('npm start when Electron dies at once because its sandbox cannot start', () => {
  it("shows Electron's own FATAL line, then one line naming the cause and the fix, then starts the headless UI", async () => {
    const started = npmStart(`echo "${SUID_FATAL}" >&2\nkill -TRAP $$`);
    try {
      const uiUrl = await started.uiUrl;
      const ours = started.stderr().split('\n').filter((l) => l.startsWith('hookscope:'));
      expect(ours).toHaveLength(1);
      expect(ours[0]).toMatch(/sandbox could not start .*AppArmor.*\.deb.*docs\/electron\.md.*; starting the headless UI instead/);
      expect(started.stderr()).toContain('setuid_sandbox_host'); // Electron's line reaches the terminal too
      const [base, token] = uiUrl.split('/#token=') as [string, string];
      await expect(callApi({ apiUrl: base, token }, 'stats.get', {})).resolves.toMatchObject({ deliveries: 0 });
    } finally {
      await stop(started);
    }
  });

  it('falls back the same way on a bare SIGTRAP at start', async () => {
    const started = npmStart('kill -TRAP $$');
    try {
      await started.uiUrl;
      expect(started.stderr()).toMatch(/hookscope: Electron stopped with SIGTRAP as it started.*starting the headless UI instead/);
    } finally {
      await stop(started);
    }
  });

  it("passes on the app's own exit, without starting the headless UI", async () => {
    const quit = npmStart('exit 0');
    expect(await quit.exit).toBe(0);
    const failed = npmStart('echo "hookscope: database is locked" >&2\nexit 3');
    expect(await failed.exit).toBe(3);
    expect(failed.stderr()).not.toMatch(/headless/);
  });
});
