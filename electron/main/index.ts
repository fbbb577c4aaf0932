// Electron's main process: windows, menus and the IPC bridge only. The core (store in the user's data
// folder, receiver on 4747 or a free port) runs elsewhere: in a core host utilityProcess the app keeps
// running (restarted when it dies, the window told), or in a `hookscope serve`/`service` already
// running on the same data, which the app attaches to until it stops for good, then hosts its own
// (core-connection.ts). The contract-generated IPC bridge relays the window's calls and the core's
// events; before the app quits, its own host flushes and closes the receiver and the database.
// One instance per user: a second launch focuses the existing window (two instances would fight over
// the port and the database).
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage } from 'electron';
import { VERSION } from '../../shared/version.js';
import { defaultDbFile, unwrapDesktopKey } from '../core/index.js';
import { connectCore, type CoreConnection } from './core-connection.js';
import { registerIpcBridge } from './ipc-bridge.js';
import { startWhenReady } from './lifecycle.js';
import { installMenu } from './menu.js';
import { electronNativeBindingPath } from './native-binding.js';
import { APP_ENTRY_URL, APP_ORIGIN, chooseDevUrl, originOf } from './origins.js';
import { registerAppScheme, serveAppScheme } from './protocol.js';
import { forkUtilityHost } from './utility-host.js';
import { createMainWindow, guardWebContents, hardenSession } from './window.js';

// Built layout: dist/electron/{main.js, preload.cjs, host.js} beside dist/renderer/.
const PRELOAD_FILE = path.join(import.meta.dirname, 'preload.cjs');
const HOST_FILE = path.join(import.meta.dirname, 'host.js');
const UI_DIR = path.join(import.meta.dirname, '..', 'renderer');

let core: CoreConnection | null = null;
/** The core being connected (set as start() begins): a quit meanwhile waits for it, then closes it. */
let connecting: Promise<CoreConnection> | null = null;
let started = false;
let mainWindow: BrowserWindow | null = null;
let entryUrl = APP_ENTRY_URL;
let quitState: 'running' | 'closing' | 'closed' = 'running';

registerAppScheme(); // must precede `ready`

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusWindow);
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('before-quit', closeCoreThenQuit);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
  // `activate` (macOS) is listened to only once start() has finished: see lifecycle.ts.
  startWhenReady(app, { start, windowCount: () => BrowserWindow.getAllWindows().length, openWindow: reopenWindow }).catch(fail);
}

async function start(): Promise<void> {
  const devUrl = chooseDevUrl(process.env, app.isPackaged);
  if ('warning' in devUrl && devUrl.warning) console.warn(`hookscope: ${devUrl.warning}`);
  if (devUrl.url) entryUrl = devUrl.url;
  const trustedOrigins = [APP_ORIGIN, ...(devUrl.url ? [originOf(devUrl.url)!] : [])];

  hardenSession(trustedOrigins);
  serveAppScheme(UI_DIR);
  installMenu({ isPackaged: app.isPackaged, isMac: process.platform === 'darwin' });

  // The same database as the CLI's default, so `hookscope deliveries` sees what the app captured.
  const dbFile = defaultDbFile();
  connecting = connectCore({
    dbFile,
    spawnHost: () => forkUtilityHost(HOST_FILE),
    hostStart: () => ({
      dbFile,
      nativeBinding: nativeBinding(),
      // Endpoint secrets are sealed with a key safeStorage wraps, where it protects anything (secrets/desktop-box.ts).
      secretKey: unwrapDesktopKey(safeStorage, dbFile)?.toString('base64'),
    }),
  });
  core = await connecting;
  if (quitState !== 'running') return; // quit while the core was starting: closeCoreThenQuit closes it
  registerIpcBridge(ipcMain, core.link, {
    trustedOrigins,
    eventTargets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  });
  console.log(`Hookscope ${VERSION}: receiver ${core.receiverUrl}, database ${dbFile}${core.kind === 'attached' ? ' (attached to the running service)' : ''}`);

  const win = openWindow();
  const notice = core.notice;
  if (core.kind === 'attached' && notice) console.log(`hookscope: ${notice}`);
  if (core.kind === 'host' && notice) {
    console.warn(`hookscope: ${notice}`);
    win.webContents.once('did-finish-load', () => {
      void dialog.showMessageBox(win, { type: 'info', message: 'The receiver uses another port', detail: notice });
    });
  }
  started = true;
}

function nativeBinding(): string {
  const file = electronNativeBindingPath({ isPackaged: app.isPackaged, resourcesPath: process.resourcesPath, appPath: app.getAppPath() });
  if (!fs.existsSync(file)) {
    throw new Error(`better-sqlite3's Electron build is missing (${file}). Run: node scripts/build-electron-native.mjs`);
  }
  return file;
}

function openWindow(): BrowserWindow {
  mainWindow = createMainWindow({ preloadFile: PRELOAD_FILE, entryUrl });
  mainWindow.on('closed', () => (mainWindow = null));
  return mainWindow;
}

/** A window again (macOS `activate`, a second launch), unless start() returned early because the app is quitting. */
function reopenWindow(): void {
  if (started && quitState === 'running') openWindow();
}

function focusWindow(): void {
  // macOS keeps the app running with no window: launching it again (`hookscope app`) shows one.
  if (!mainWindow) return reopenWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/**
 * Quitting waits for the app's core host: pending captures flushed, receiver and database closed. A
 * core still starting (the user quit before the first window) is waited for and closed the same way,
 * rather than left for Electron to tear down mid-start when the app exits.
 */
function closeCoreThenQuit(event: Electron.Event): void {
  if (quitState === 'closed' || !connecting) return;
  event.preventDefault();
  if (quitState === 'closing') return;
  quitState = 'closing';
  connecting
    .then((connection) => connection.close())
    .catch((err: unknown) => console.error('hookscope: error while closing:', err))
    .finally(() => {
      quitState = 'closed';
      app.quit();
    });
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`hookscope: ${message}`);
  if (quitState === 'running') dialog.showErrorBox('Hookscope could not start', message); // not when the user quit meanwhile
  void (core?.close() ?? Promise.resolve()).finally(() => app.exit(1));
}
