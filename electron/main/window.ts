// The window and its guards. The page renders untrusted webhook payloads, so it gets no Node, no
// Electron, and nothing but `window.hookscope` from the preload: context isolation and the Chromium
// sandbox on, no webviews, no new windows, no navigation away from our UI, no permission but writing to
// the clipboard (permissions.ts), and no request to any origin but our own. Links to http(s) pages open
// in the user's browser.
import { BrowserWindow, session, shell, type WebContents } from 'electron';
import { externalUrl, isAllowedRequestUrl, REMOTE_URL_PATTERNS } from './origins.js';
import { installPermissionHandlers } from './permissions.js';

export interface WindowOptions {
  preloadFile: string;
  /** app://hookscope/index.html, or the dev server's URL. */
  entryUrl: string;
}

export function createMainWindow(opts: WindowOptions): BrowserWindow {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Hookscope',
    backgroundColor: '#111418',
    webPreferences: {
      preload: opts.preloadFile,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webviewTag: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(opts.entryUrl);
  return win;
}

/** Guards every webContents the app ever creates (installed once, from `web-contents-created`). */
export function guardWebContents(contents: WebContents): void {
  contents.setWindowOpenHandler(({ url }) => {
    openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternally(url);
  });
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

/** Session-wide: deny every permission but our UI's clipboard writes, and cancel requests to anything but our own origins. */
export function hardenSession(trustedOrigins: readonly string[]): void {
  const ses = session.defaultSession;
  installPermissionHandlers(ses, trustedOrigins);
  ses.webRequest.onBeforeRequest({ urls: REMOTE_URL_PATTERNS }, (details, callback) => {
    callback({ cancel: !isAllowedRequestUrl(details.url, trustedOrigins) });
  });
}

function openExternally(url: string): void {
  const target = externalUrl(url);
  // It rejects when no application opens the link; unhandled, Electron would show that as a JavaScript error dialog.
  if (target) shell.openExternal(target).catch((err: unknown) => console.warn(`hookscope: could not open ${target}: ${(err as Error).message}`));
}
