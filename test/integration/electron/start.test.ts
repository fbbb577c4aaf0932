// `npm start` (node scripts/start.mjs) where the Electron runtime is missing, as on our machines and
// over SSH: one line says so, then the headless UI starts and prints its URL. ELECTRON_OVERRIDE_DIST_PATH
// points electron's locator at an empty folder, so this holds even where the binary is installed.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { callApi, ROOT } from '../../support/cli.js';
import { removeTempDirs, tempDbFile, tempDir } from '../../support/temp.js';

interface Started {
  child: ChildProcess;
  uiUrl: string;
  lines: string[];
  stderr: string;
}

function startWithoutElectron(): Promise<Started> {
  const child = spawn(
    process.execPath,
    ['scripts/start.mjs', '--no-build', '--db', tempDbFile(), '--receiver-port', '0', '--ui-port', '0'],
    { cwd: ROOT, env: { ...process.env, ELECTRON_OVERRIDE_DIST_PATH: tempDir('no-electron-') }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  const lines: string[] = [];
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`no UI URL within 30 s:\n${lines.join('\n')}\n${stderr}`));
    }, 30_000);
    child.on('exit', (code) => reject(new Error(`start exited with ${code}:\n${lines.join('\n')}\n${stderr}`)));
    readline.createInterface({ input: child.stdout! }).on('line', (line) => {
      lines.push(line);
      const url = /https?:\/\/127\.0\.0\.1:\d+\/#token=[0-9a-f]+/.exec(line)?.[0];
      if (!url) return;
      clearTimeout(timer);
      resolve({ child, uiUrl: url, lines, stderr });
    });
  });
}

function stop(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return Promise.resolve(child.exitCode);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  child.kill('SIGTERM');
  return exited;
}

afterAll(removeTempDirs);

describe('npm start without the Electron runtime', () => {
  it('says so in one line and starts the headless UI, printing its URL', async () => {
    const started = await startWithoutElectron();
    try {
      const electronLines = started.stderr.split('\n').filter((l) => /electron/i.test(l));
      expect(electronLines).toHaveLength(1);
      expect(electronLines[0]).toMatch(/Electron runtime .*headless UI/);
      // A working server, not just a printed line: the token in the URL opens the control API.
      const [base, token] = started.uiUrl.split('/#token=') as [string, string];
      await expect(callApi({ apiUrl: base, token }, 'stats.get', {})).resolves.toMatchObject({ deliveries: 0 });
    } finally {
      await stop(started.child);
    }
  });

  it('stops the headless server when it is stopped', async () => {
    const started = await startWithoutElectron();
    const base = started.uiUrl.split('/#')[0]!;
    // 0 after serve's own SIGTERM handler, 143 (128 + SIGTERM) if the signal beat its installation.
    expect([0, 143]).toContain(await stop(started.child));
    await expect(fetch(`${base}/api/call/stats.get`, { method: 'POST' })).rejects.toThrow();
  });

  it('is what npm start runs', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node scripts/start.mjs');
  });
});
