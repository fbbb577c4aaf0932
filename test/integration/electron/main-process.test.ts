// The built main process (dist/electron/main.js) run in plain Node against a recording fake of
// Electron's API (fake-electron/): everything main wires up is checked as Electron would exercise it,
// over a real core, a real SQLite file and a real receiver. The Electron binary cannot be downloaded
// here; this is the closest we get to launching the app.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/api/contract.js';
import { ipcCallChannel } from '../../../shared/api/bridge.js';
import { CONTENT_SECURITY_POLICY } from '../../../shared/net/security-headers.js';
import { ROOT } from '../../support/cli.js';
import { removeTempDirs, tempDir } from '../../support/temp.js';
import { buildShell, type BuiltShell } from './build-shell.js';

const FAKE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fake-electron');

interface Run {
  code: number | null;
  report: Record<string, unknown> & { error?: string };
  stderr: string;
}

/** Runs main.js under the fake Electron with the app folder, user data and database given. */
function runMain(shell: BuiltShell, env: Record<string, string>): Promise<Run> {
  const userData = tempDir('hookscope-userdata-');
  const child = spawn(process.execPath, ['--import', path.join(FAKE, 'register.mjs'), path.join(FAKE, 'driver.mjs'), shell.mainFile], {
    cwd: ROOT,
    env: { ...process.env, FAKE_APP_PATH: shell.appDir, FAKE_USER_DATA: userData, HOOKSCOPE_DB: path.join(userData, 'hookscope.db'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '{}';
      try {
        resolve({ code, report: JSON.parse(last) as Run['report'], stderr });
      } catch {
        reject(new Error(`driver printed no report (exit ${code}):\n${stdout}\n${stderr}`));
      }
    });
  });
}

let shell: BuiltShell;
let blocker: net.Server;
let takenPort: number;
let run: Run;

beforeAll(async () => {
  shell = await buildShell();
  // In the app folder, the Electron-ABI binding's place holds Node's build: this is Node, not Electron.
  fs.mkdirSync(path.join(shell.appDir, 'build', 'native'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node'), path.join(shell.appDir, 'build/native/better_sqlite3.node'));
  blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  takenPort = (blocker.address() as net.AddressInfo).port;
  run = await runMain(shell, { HOOKSCOPE_RECEIVER_PORT: String(takenPort), EXPECT_PORT_FALLBACK: '1', FAKE_ACTIVATE_DURING_START: '1' });
  if (run.report.error) throw new Error(`${run.report.error}\n${run.stderr}`);
}, 90_000);

afterAll(async () => {
  await new Promise<void>((resolve) => blocker.close(() => resolve()));
  removeTempDirs();
});

describe('main process lifecycle', () => {
  it('registers app:// as a privileged scheme before the app is ready, and takes the single-instance lock', () => {
    const log = run.report.log as string[];
    expect(log.indexOf('registerSchemesAsPrivileged')).toBeLessThan(log.indexOf('ready'));
    expect(log).toContain('requestSingleInstanceLock');
    expect(run.report.privilegedSchemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });

  it('opens one window with isolation, the sandbox and no Node, loading the built UI over app://', () => {
    expect(run.report.webPreferences).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webviewTag: false, webSecurity: true });
    expect(run.report.preloadFile).toBe(shell.preloadFile);
    expect(run.report.loadedUrl).toBe('app://hookscope/index.html');
  });

  it('serves app:// with the strict CSP and refuses to leave the UI folder', () => {
    expect(run.report.protocolIndex).toEqual({ status: 503, csp: CONTENT_SECURITY_POLICY }); // the UI is not built in this scratch app
    expect((run.report.protocolTraversal as { status: number }).status).toBe(403);
  });

  it('registers exactly one IPC handler per contract method', () => {
    expect(run.report.ipcChannels).toEqual(METHOD_NAMES.map(ipcCallChannel).sort());
  });

  it('seals endpoint secrets with safeStorage: stats say so, the page gets them masked, the file never holds them', () => {
    expect(run.report.secrets).toEqual({ protection: 'safe-storage', unreadable: [] });
    expect(run.report.listedSecret).toBe('whsec_…rage');
    expect(run.report.secretInDb).toBe(false);
  });

  it('answers our page over IPC and refuses a foreign one', () => {
    expect(run.report.settings).toMatchObject({ ok: true, result: { db: expect.stringContaining('hookscope.db') } });
    expect(run.report.foreignCall).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('falls back to a free receiver port when the preferred one is taken, and tells the user which', () => {
    const receiverUrl = (run.report.settings as { result: { receiverUrl: string } }).result.receiverUrl;
    expect(receiverUrl).not.toContain(`:${takenPort}`);
    const [notice] = run.report.messageBoxes as Array<{ detail: string }>;
    expect(notice?.detail).toContain(`Port ${takenPort} is already in use`);
    expect(notice?.detail).toContain(receiverUrl);
  });

  it('captures webhooks and forwards the event to the window', () => {
    expect(run.report.captureStatus).toBeLessThan(500);
    expect(run.report.sentToWindow).toContainEqual({ channel: 'hookscope:event', name: 'delivery.received', path: '/hooks/from-driver' });
  });

  it('runs the core in a utility process from host.js, never in the main process', () => {
    expect(run.report.utilityProcesses).toEqual([{ modulePath: shell.hostFile, serviceName: 'Hookscope core' }]);
  });

  it('tells the window when the core process dies, restarts it on the same receiver, and keeps what it acknowledged', () => {
    expect(run.report.hostStatusesSent).toEqual(['restarting', 'running']);
    const before = (run.report.settings as { result: { receiverUrl: string } }).result.receiverUrl;
    expect(run.report.afterRestart).toMatchObject({ ok: true, result: { receiverUrl: before } });
    expect(run.report.deliveriesAfterRestart).toContain('/hooks/from-driver');
  });

  it('denies new windows, opening only http(s) links in the browser', () => {
    expect(run.report.openHttps).toEqual({ action: 'deny' });
    expect(run.report.openFile).toEqual({ action: 'deny' });
    expect(run.report.openedExternally).not.toContain('file:///etc/passwd');
    expect(run.report.openedExternally).toContain('https://docs.example.com/webhooks');
  });

  it('leaves no promise rejection unhandled (each would be an error dialog in Electron), not even a link no browser opens', () => {
    expect(run.report.openWithoutBrowser).toEqual({ action: 'deny' });
    expect(run.report.unhandledRejections).toEqual([]);
  });

  it('blocks navigation and webviews', () => {
    expect(run.report.navigationPrevented).toBe(true);
    expect(run.report.webviewPrevented).toBe(true);
  });

  it('denies every permission but clipboard writes from our own UI, and cancels requests for remote content', () => {
    expect(run.report.permissionRequestGranted).toBe(false);
    expect(run.report.permissionCheck).toBe(false);
    expect(run.report.clipboardWrite).toEqual({ check: true, request: true, foreignCheck: false });
    expect(run.report.requestFilter).toEqual(expect.arrayContaining(['http://*/*', 'https://*/*']));
    expect(run.report.remoteRequestCancelled).toBe(true);
  });

  it('installs a menu of the usual roles', () => {
    expect(run.report.menu).toEqual(expect.arrayContaining(['fileMenu', 'editMenu', 'View', 'windowMenu']));
  });

  // Under Node the receiver binds within one turn of the event loop, so this `activate` cannot land in
  // the gap between opening the core and registering the IPC bridge; lifecycle.test.ts holds start()
  // open to cover that gap itself.
  it('opens one window when macOS activates the app right after ready', () => {
    expect(run.report.windowsOnceStarted).toBe(1);
  });

  it('reopens one window on activate once the last one was closed', () => {
    expect(run.report.windowsAfterActivate).toBe(1);
    expect(run.report.reopenedUrl).toBe('app://hookscope/index.html');
  });

  it('focuses the existing window when launched a second time', () => {
    expect(run.report.focusedOnSecondInstance).toBe(1);
  });

  it('opens a window when launched a second time while none is open (macOS keeps the app running)', () => {
    expect(run.report.windowsAfterSecondInstance).toBe(1);
  });

  it('closes the receiver and the database before quitting', () => {
    expect(run.report.firstQuitPrevented).toBe(true);
    expect(run.report.receiverClosed).toBe(true);
    expect(run.report.dbExists).toBe(true);
    expect(run.report.walRemoved).toBe(true); // SQLite removes the WAL when the last connection closes cleanly
    expect(run.report.errorBoxes).toEqual([]);
  });

  it('quit while the core host is starting: waits for it, closes it cleanly, then quits without opening a window', async () => {
    const quitting = await runMain(shell, { FAKE_QUIT_DURING_START: '1' });
    expect(quitting.report).toEqual({ hostExitCodes: [0], windows: 0, ipcHandlers: 0, errorBoxes: [] });
  }, 60_000);

  it('quits at once, without a window or a core, when another instance holds the lock', async () => {
    const second = await runMain(shell, { FAKE_SINGLE_INSTANCE_LOCK: 'taken' });
    expect(second.report).toMatchObject({ windows: 0, ipcHandlers: 0, quit: true });
  });
});
