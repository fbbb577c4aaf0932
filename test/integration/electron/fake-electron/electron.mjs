// A recording stand-in for the parts of Electron's main-process API that electron/main uses, so the
// built main.js can run in plain Node. It records what main asks for (schemes, handlers, windows,
// dialogs) in `fake`, and behaves like Electron where main depends on it: app.quit() emits
// before-quit and stops if it is prevented; a new BrowserWindow emits web-contents-created; loadURL
// ends with did-finish-load and ready-to-show; utilityProcess.fork forks a real Node child (with
// utility-shim.mjs giving it a `process.parentPort`), and a MessageChannelMain port transferred to it
// carries its messages over the child's IPC.
import { fork } from 'node:child_process';
import crypto from 'node:crypto';
import { EventEmitter } from 'node:events';

export const fake = {
  log: [],
  privilegedSchemes: [],
  protocolHandlers: new Map(),
  ipcHandlers: new Map(),
  windows: [],
  openedExternally: [],
  messageBoxes: [],
  errorBoxes: [],
  menuTemplate: null,
  permissionRequestHandler: null,
  permissionCheckHandler: null,
  beforeRequest: null,
  quit: false,
  /** Promise rejections nobody handled: in Electron's main process each becomes an error dialog. */
  unhandledRejections: [],
  exitCode: null,
  utilityProcesses: [],
};

export function makeEvent() {
  const event = {
    defaultPrevented: false,
    preventDefault() {
      event.defaultPrevented = true;
    },
  };
  return event;
}

class FakeApp extends EventEmitter {
  isPackaged = false;

  requestSingleInstanceLock() {
    fake.log.push('requestSingleInstanceLock');
    return process.env.FAKE_SINGLE_INSTANCE_LOCK !== 'taken';
  }

  whenReady() {
    fake.log.push('whenReady');
    return new Promise((resolve) => setImmediate(() => {
      fake.log.push('ready');
      resolve();
      // macOS can send `activate` (a Dock click) while the app is still starting.
      if (process.env.FAKE_ACTIVATE_DURING_START === '1') setImmediate(() => this.emit('activate', makeEvent(), false));
    }));
  }

  getPath(name) {
    if (name === 'userData') return process.env.FAKE_USER_DATA;
    throw new Error(`fake app.getPath: ${name}`);
  }

  getAppPath() {
    return process.env.FAKE_APP_PATH;
  }

  quit() {
    fake.log.push('quit');
    const event = makeEvent();
    this.emit('before-quit', event);
    if (!event.defaultPrevented) fake.quit = true;
  }

  exit(code) {
    fake.exitCode = code;
  }
}

export const app = new FakeApp();

class FakeWebContents extends EventEmitter {
  sent = [];
  windowOpenHandler = null;

  setWindowOpenHandler(handler) {
    this.windowOpenHandler = handler;
  }

  send(channel, ...args) {
    this.sent.push([channel, ...args]);
  }

  isDestroyed() {
    return false;
  }
}

export class BrowserWindow extends EventEmitter {
  static all = [];

  static getAllWindows() {
    return [...BrowserWindow.all];
  }

  constructor(options) {
    super();
    this.options = options;
    this.webContents = new FakeWebContents();
    this.focusCount = 0;
    BrowserWindow.all.push(this);
    fake.windows.push(this);
    app.emit('web-contents-created', makeEvent(), this.webContents);
  }

  async loadURL(url) {
    this.loadedUrl = url;
    setImmediate(() => {
      this.webContents.emit('did-finish-load');
      this.emit('ready-to-show');
    });
  }

  isMinimized() {
    return false;
  }

  close() {
    BrowserWindow.all = BrowserWindow.all.filter((w) => w !== this);
    this.emit('closed');
  }

  restore() {}

  show() {
    this.shown = true;
  }

  focus() {
    this.focusCount++;
  }
}

export const protocol = {
  registerSchemesAsPrivileged(schemes) {
    fake.log.push('registerSchemesAsPrivileged');
    fake.privilegedSchemes.push(...schemes);
  },
  handle(scheme, handler) {
    fake.protocolHandlers.set(scheme, handler);
  },
};

export const ipcMain = {
  handle(channel, listener) {
    if (fake.ipcHandlers.has(channel)) throw new Error(`second handler for ${channel}`);
    fake.ipcHandlers.set(channel, listener);
  },
  removeHandler(channel) {
    fake.ipcHandlers.delete(channel);
  },
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler) {
      fake.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler) {
      fake.permissionCheckHandler = handler;
    },
    webRequest: {
      onBeforeRequest(filter, listener) {
        fake.beforeRequest = { filter, listener };
      },
    },
  },
};

export const shell = {
  async openExternal(url) {
    // As on a machine with no browser for the scheme (Linux without xdg-open's handler, say).
    if (url.startsWith('https://no-browser.example/')) throw new Error('Failed to open: no application is registered');
    fake.openedExternally.push(url);
  },
};

export const dialog = {
  async showMessageBox(_window, options) {
    fake.messageBoxes.push(options);
    return { response: 0 };
  },
  showErrorBox(title, content) {
    fake.errorBoxes.push({ title, content });
  },
};

export const Menu = {
  buildFromTemplate(template) {
    return { template };
  },
  setApplicationMenu(menu) {
    fake.menuTemplate = menu.template;
  },
};

// safeStorage as on a desktop with a keychain: an encryption with a key of its own (a stand-in for the
// OS's, for the seam only: the core's sealing and opening around it are the real code).
const safeKey = crypto.randomBytes(32);
export const safeStorage = {
  isEncryptionAvailable: () => true,
  getSelectedStorageBackend: () => 'gnome_libsecret',
  encryptString(plain) {
    const iv = crypto.randomBytes(12);
    const cipher = crypto.createCipheriv('aes-256-gcm', safeKey, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]);
  },
  decryptString(encrypted) {
    const decipher = crypto.createDecipheriv('aes-256-gcm', safeKey, encrypted.subarray(0, 12));
    decipher.setAuthTag(encrypted.subarray(12, 28));
    return Buffer.concat([decipher.update(encrypted.subarray(28)), decipher.final()]).toString('utf8');
  },
};

class FakeMessagePort extends EventEmitter {
  peer = null;
  /** The child process this port was transferred to (its messages then travel over that child's IPC). */
  child = null;
  closed = false;
  started = false;
  /** As a real port: what arrives before it is started (or transferred) waits, in order. */
  inbox = [];

  postMessage(data) {
    if (this.closed) return;
    this.peer.receive(structuredClone(data));
  }

  receive(data) {
    if (this.child) {
      if (this.child.connected) this.child.send({ fakePortMessage: data });
    } else if (this.started) {
      setImmediate(() => this.emit('message', { data }));
    } else {
      this.inbox.push(data);
    }
  }

  transferTo(child) {
    this.child = child;
    for (const data of this.inbox.splice(0)) this.receive(data);
  }

  start() {
    this.started = true;
    for (const data of this.inbox.splice(0)) this.receive(data);
  }

  close() {
    if (this.closed) return;
    this.closed = true;
    this.emit('close');
  }
}

export class MessageChannelMain {
  constructor() {
    this.port1 = new FakeMessagePort();
    this.port2 = new FakeMessagePort();
    this.port1.peer = this.port2;
    this.port2.peer = this.port1;
  }
}

const UTILITY_SHIM = new URL('./utility-shim.mjs', import.meta.url).href;

export const utilityProcess = {
  fork(modulePath, args = [], options = {}) {
    fake.log.push('utilityProcess.fork');
    const child = fork(modulePath, args, { serialization: 'advanced', execArgv: ['--import', UTILITY_SHIM], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const record = { modulePath, options, pid: child.pid, exitCode: undefined };
    fake.utilityProcesses.push(record);
    const proc = new EventEmitter();
    proc.pid = child.pid;
    let hostEnd = null;
    proc.kill = () => child.kill('SIGKILL');
    proc.postMessage = (message, transfer = []) => {
      // The message that carries the port first, then what was waiting in the port.
      child.send({ fakeParentPortMessage: message, ports: transfer.length });
      for (const port of transfer) {
        hostEnd = port.peer;
        port.transferTo(child);
      }
    };
    child.once('spawn', () => proc.emit('spawn'));
    child.on('message', (message) => {
      if (message && typeof message === 'object' && 'fakePortMessage' in message) hostEnd?.receive(message.fakePortMessage);
    });
    child.on('exit', (code) => {
      record.exitCode = code ?? 1;
      hostEnd?.close();
      proc.emit('exit', code ?? 1);
    });
    return proc;
  },
};

export default { app, BrowserWindow, dialog, ipcMain, Menu, MessageChannelMain, protocol, safeStorage, session, shell, utilityProcess };
