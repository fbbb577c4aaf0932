// The preload's `window.hookscope` (electron/preload/surface.ts) against a scripted ipcRenderer: its
// surface is the contract, calls go to the method's channel, envelopes become results or coded errors.
import { describe, expect, it } from 'vitest';
import { IPC_EVENT_CHANNEL, ipcCallChannel } from '../../../shared/api/bridge.js';
import { EVENT_NAMES, METHOD_NAMES } from '../../../shared/api/contract.js';
import { buildBridge, type IpcRendererLike } from '../../../electron/preload/surface.js';

type Listener = (event: unknown, ...args: unknown[]) => void;

/** An ipcRenderer whose invoke answers come from `answer`, and which records what it was sent. */
function scriptedIpc(answer: (channel: string, input: unknown) => unknown) {
  const calls: Array<{ channel: string; input: unknown }> = [];
  const listeners = new Map<string, Listener[]>();
  const ipc: IpcRendererLike = {
    invoke: async (channel, input) => {
      calls.push({ channel, input });
      return answer(channel, input);
    },
    on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
  };
  const emit = (message: unknown) => {
    for (const l of listeners.get(IPC_EVENT_CHANNEL) ?? []) l({ sender: 'the IPC event object' }, message);
  };
  return { ipc, calls, emit, listeners };
}

describe('window.hookscope (preload surface)', () => {
  it('has exactly one function per contract method, plus on()', () => {
    const bridge = buildBridge(scriptedIpc(() => ({ ok: true, result: null })).ipc);
    expect(Object.keys(bridge).sort()).toEqual([...METHOD_NAMES, 'on'].sort());
    for (const key of Object.keys(bridge)) expect(typeof (bridge as Record<string, unknown>)[key], key).toBe('function');
  });

  it('cannot be extended or changed by the page', () => {
    const bridge = buildBridge(scriptedIpc(() => ({ ok: true, result: null })).ipc);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it("sends a call on its method's channel with the input, and resolves with the result", async () => {
    const { ipc, calls } = scriptedIpc(() => ({ ok: true, result: { items: [] } }));
    const bridge = buildBridge(ipc);
    await expect(bridge['deliveries.list']({ limit: 5 })).resolves.toEqual({ items: [] });
    expect(calls).toEqual([{ channel: ipcCallChannel('deliveries.list'), input: { limit: 5 } }]);
  });

  it('rejects with a plain object carrying the code, message and issues of an error envelope', async () => {
    const { ipc } = scriptedIpc(() => ({ ok: false, error: { code: 'bad-input', message: 'invalid input', issues: ['limit: too big'] } }));
    const err = await buildBridge(ipc)['deliveries.list']({ limit: 5000 }).catch((e: unknown) => e);
    // Not an Error instance: contextBridge would strip an Error down to its message.
    expect(err).toEqual({ name: 'ApiError', code: 'bad-input', message: 'invalid input', issues: ['limit: too big'] });
    expect(Object.getPrototypeOf(err)).toBe(Object.prototype);
  });

  it('reports a main process that does not answer the call as unavailable', async () => {
    const { ipc } = scriptedIpc(() => {
      throw new Error("Error invoking remote method 'hookscope:call:stats.get': Error: No handler registered");
    });
    await expect(buildBridge(ipc)['stats.get']({})).rejects.toMatchObject({ code: 'unavailable' });
  });

  it('reports input that cannot cross IPC as bad input', async () => {
    const { ipc } = scriptedIpc(() => {
      throw new Error('An object could not be cloned.');
    });
    await expect(buildBridge(ipc)['stats.get']({})).rejects.toMatchObject({ code: 'bad-input' });
  });

  it('treats a malformed answer as an internal error', async () => {
    const { ipc } = scriptedIpc(() => 'surprise');
    await expect(buildBridge(ipc)['stats.get']({})).rejects.toMatchObject({ code: 'internal' });
  });

  it('delivers contract events to their listeners with the payload only, never the IPC event', () => {
    const { ipc, emit } = scriptedIpc(() => null);
    const bridge = buildBridge(ipc);
    const got: unknown[][] = [];
    bridge.on('endpoints.changed', (...args: unknown[]) => got.push(args));
    emit({ name: 'endpoints.changed', payload: {} });
    emit({ name: 'deliveries.deleted', payload: { ids: null } });
    expect(got).toEqual([[{}]]);
  });

  it('stops delivering once unsubscribed', () => {
    const { ipc, emit } = scriptedIpc(() => null);
    const bridge = buildBridge(ipc);
    let count = 0;
    const off = bridge.on('endpoints.changed', () => count++);
    emit({ name: 'endpoints.changed', payload: {} });
    off();
    emit({ name: 'endpoints.changed', payload: {} });
    expect(count).toBe(1);
  });

  it('refuses to subscribe to an event the contract does not have', () => {
    const bridge = buildBridge(scriptedIpc(() => null).ipc);
    const on = bridge.on as (name: string, cb: () => void) => () => void;
    expect(() => on('hookscope:call:stats.get', () => {})).toThrow(/unknown event/);
    expect(EVENT_NAMES).not.toContain('hookscope:call:stats.get');
  });

  it('listens on the one event channel only', () => {
    const { ipc, listeners } = scriptedIpc(() => null);
    buildBridge(ipc);
    expect([...listeners.keys()]).toEqual([IPC_EVENT_CHANNEL]);
  });
});
