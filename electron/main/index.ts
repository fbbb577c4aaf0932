// Electron's main process: composition and lifecycle only. It builds the same core as the CLI (store in
// the user's data folder, receiver on 4747 or a free port), exposes it to the window over the
// contract-generated IPC bridge, and closes the receiver and the database before the app quits.
// One instance per user: a second launch focuses the existing window (two instances would fight over
// the port and the database).
import fs from 'node:fs';
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, safeStorage } from 'electron';
import { VERSION } from '../../shared/version.js';
import { defaultDbFile, desktopSecretBox, openCore, type Core } from '../core/index.js';
import { registerIpcBridge } from './ipc-bridge.js';
import { startWhenReady } from './lifecycle.js';
import { installMenu } from './menu.js';
import { electronNativeBindingPath } from './native-binding.js';
import { APP_ENTRY_URL, APP_ORIGIN, chooseDevUrl, originOf } from './origins.js';
import { registerAppScheme, serveAppScheme } from './protocol.js';
import { describeFallback, preferredReceiverPort, startReceiverPreferring } from './receiver-port.js';
import { createMainWindow, guardWebContents, hardenSession } from './window.js';

// Built layout: dist/electron/{main.js, preload.cjs} beside dist/renderer/.
const PRELOAD_FILE = path.join(import.meta.dirname, 'preload.cjs');
const UI_DIR = path.join(import.meta.dirname, '..', 'renderer');

let core: Core | null = null;
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
  startWhenReady(app, { start, windowCount: () => BrowserWindow.getAllWindows().length, openWindow }).catch(fail);
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
  // Endpoint secrets are sealed with safeStorage where it protects anything (secrets/desktop-box.ts).
  core = openCore({ dbFile, nativeBinding: nativeBinding(), secretBox: desktopSecretBox(safeStorage, dbFile) });
  const started = await startReceiverPreferring(core, preferredReceiverPort(process.env));
  const bridge = registerIpcBridge(ipcMain, core, {
    trustedOrigins,
    eventTargets: () => BrowserWindow.getAllWindows().map((w) => w.webContents),
  });
  core.onClose(() => bridge.close());
  console.log(`Hookscope ${VERSION}: receiver ${started.receiver.url}, database ${dbFile}`);

  const win = openWindow();
  const notice = describeFallback(started);
  if (notice) {
    console.warn(`hookscope: ${notice}`);
    win.webContents.once('did-finish-load', () => {
      void dialog.showMessageBox(win, { type: 'info', message: 'The receiver uses another port', detail: notice });
    });
  }
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

function focusWindow(): void {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

/** Quitting waits for the core: pending captures flushed, receiver and database closed. */
function closeCoreThenQuit(event: Electron.Event): void {
  if (quitState === 'closed' || !core) return;
  event.preventDefault();
  if (quitState === 'closing') return;
  quitState = 'closing';
  core
    .close()
    .catch((err: unknown) => console.error('hookscope: error while closing:', err))
    .finally(() => {
      quitState = 'closed';
      app.quit();
    });
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  console.error(`hookscope: ${message}`);
  dialog.showErrorBox('Hookscope could not start', message);
  void (core?.close() ?? Promise.resolve()).finally(() => app.exit(1));
}
