// The preload as it ships: dist/electron/preload.cjs, built by the real Vite config, run the way a
// sandboxed preload runs (a CommonJS script whose `require` knows only 'electron'), with a
// contextBridge that copies values between worlds as Electron documents it (functions proxied,
// objects copied, Errors rebuilt from their message only) and an ipcRenderer wired to the real IPC
// bridge over a real core.
import fs from 'node:fs';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METHOD_NAMES } from '../../../shared/api/contract.js';
import { inProcessLink } from '../../../electron/host/link.js';
import { registerIpcBridge } from '../../../electron/main/ipc-bridge.js';
import { APP_ORIGIN } from '../../../electron/main/origins.js';
import { startTestCore, type TestCore } from '../../support/core.js';
import { removeTempDirs } from '../../support/temp.js';
import { buildShell } from './build-shell.js';
import { InProcessIpc, MAIN_FRAME } from './in-process-ipc.js';

type Fn = (...args: unknown[]) => unknown;

/** Passes a value from one JavaScript world to the other the way contextBridge does. */
function acrossBridge(value: unknown): unknown {
  if (typeof value === 'function') {
    return (...args: unknown[]) => acrossBridge((value as Fn)(...args.map(acrossBridge)));
  }
  if (value instanceof Promise) return value.then(acrossBridge, (reason: unknown) => Promise.reject(acrossBridge(reason)));
  if (value instanceof Error) return new Error(value.message); // custom fields (code, issues) are lost
  if (Array.isArray(value)) return value.map(acrossBridge);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, acrossBridge(v)]));
  }
  return value;
}

interface Preloaded {
  mainWorld: Record<string, unknown>;
  required: string[];
}

/** Runs the bundle as Electron runs a sandboxed preload, and returns what the page can see. */
function runPreload(code: string, filename: string, ipcRenderer: unknown): Preloaded {
  const mainWorld: Record<string, unknown> = {};
  const required: string[] = [];
  const contextBridge = {
    exposeInMainWorld: (key: string, api: unknown) => {
      mainWorld[key] = acrossBridge(api);
    },
  };
  const sandboxRequire = (id: string) => {
    required.push(id);
    if (id === 'electron') return { contextBridge, ipcRenderer };
    throw new Error(`module not found: ${id} (a sandboxed preload can only require 'electron')`);
  };
  const module = { exports: {} };
  // A classic script, not a module: an ES module bundle would fail to parse here, as in Electron.
  const script = new vm.Script(`(function (require, module, exports) {${code}\n})`, { filename });
  (script.runInThisContext() as Fn)(sandboxRequire, module, module.exports);
  return { mainWorld, required };
}

let test: TestCore;
let ipc: InProcessIpc;
let code: string;
let preloadFile: string;

beforeAll(async () => {
  ({ preloadFile } = await buildShell());
  code = fs.readFileSync(preloadFile, 'utf8');
  test = await startTestCore();
  ipc = new InProcessIpc();
  registerIpcBridge(ipc.main, inProcessLink(test.core), { trustedOrigins: [APP_ORIGIN], eventTargets: () => [ipc.webContents] });
}, 60_000);
afterAll(async () => {
  await test.close();
  removeTempDirs();
});

describe('the built preload (dist/electron/preload.cjs)', () => {
  it('is one CommonJS file that requires nothing but electron', () => {
    const { required } = runPreload(code, preloadFile, ipc.renderer(MAIN_FRAME));
    expect(required).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
  });

  it('exposes window.hookscope only, whose keys are exactly the contract methods and on()', () => {
    const { mainWorld } = runPreload(code, preloadFile, ipc.renderer(MAIN_FRAME));
    expect(Object.keys(mainWorld)).toEqual(['hookscope']);
    const api = mainWorld.hookscope as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('never hands the page ipcRenderer or any other Electron object', () => {
    const ipcRenderer = ipc.renderer(MAIN_FRAME);
    const { mainWorld } = runPreload(code, preloadFile, ipcRenderer);
    const api = mainWorld.hookscope as Record<string, unknown>;
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect(Object.values(api)).not.toContain(ipcRenderer.invoke);
  });

  it('answers calls from the page through the real bridge and core', async () => {
    const api = runPreload(code, preloadFile, ipc.renderer(MAIN_FRAME)).mainWorld.hookscope as Record<string, Fn>;
    const created = (await api['endpoints.create']!({ path: '/hooks/stripe', provider: 'stripe' })) as { path: string };
    expect(created.path).toBe('/hooks/stripe');
  });

  it('gets an API error to the page with its code, although contextBridge strips Error fields', async () => {
    const api = runPreload(code, preloadFile, ipc.renderer(MAIN_FRAME)).mainWorld.hookscope as Record<string, Fn>;
    const err = await (api['deliveries.get']!({ id: 424242 }) as Promise<unknown>).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'not-found', message: expect.any(String) });
  });

  it('delivers events to a page callback and unsubscribes through the returned function', async () => {
    const api = runPreload(code, preloadFile, ipc.renderer(MAIN_FRAME)).mainWorld.hookscope as Record<string, Fn>;
    let changes = 0;
    const off = api.on!('endpoints.changed', () => changes++) as () => void;
    await api['endpoints.create']!({ path: '/hooks/one' });
    await expect.poll(() => changes).toBe(1);
    off();
    await api['endpoints.create']!({ path: '/hooks/two' });
    expect(changes).toBe(1);
  });
});
