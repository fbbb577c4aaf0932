// The API over Electron IPC: the preload exposes one function per contract method on
// window.hookscope, keyed by the method's name, so calling is a lookup, never code per method.
import type { HookscopeBridge } from '../../shared/api/bridge.js';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import { asApiError } from './errors.js';
import type { Connection, RendererApi } from './transport.js';

/** The core host's state (shared/api/host.ts) as the status bar's connection. */
const CONNECTION_OF = { running: 'live', restarting: 'reconnecting', stopped: 'stopped' } as const;

export function createIpcTransport(bridge: HookscopeBridge): RendererApi {
  // The core runs in another process (issue #17): when it dies the main process says so with
  // `host.status`, and once a new one runs, "connected" fires again so the stores refetch.
  let state: Connection = 'live';
  const connectedListeners = new Set<() => void>();
  const stateListeners = new Set<(state: Connection, message: string | null) => void>();
  bridge.on('host.status', ({ state: host, message }) => {
    const next = CONNECTION_OF[host];
    const reconnected = next === 'live' && state !== 'live';
    state = next;
    for (const l of stateListeners) l(next, message);
    if (reconnected) for (const l of connectedListeners) l();
  });
  return {
    transport: 'ipc',
    async call<M extends MethodName>(name: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const fn = bridge[name] as unknown as ((input: MethodInput<M>) => Promise<MethodOutput<M>>) | undefined;
      if (typeof fn !== 'function') throw new ApiError('not-found', `the desktop app does not offer ${name}`);
      try {
        return await fn(input);
      } catch (err) {
        throw asApiError(err);
      }
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      return bridge.on(name, listener);
    },
    // "connected" fires once right away, and again each time the core host is back after a restart.
    onConnected(listener) {
      queueMicrotask(listener);
      connectedListeners.add(listener);
      return () => void connectedListeners.delete(listener);
    },
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => void stateListeners.delete(listener);
    },
    connection: () => state,
  };
}
