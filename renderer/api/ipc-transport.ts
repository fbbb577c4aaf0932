// The API over Electron IPC: the preload exposes one function per contract method on
// window.hookscope, keyed by the method's name, so calling is a lookup, never code per method.
import type { HookscopeBridge } from '../../shared/api/bridge.js';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import { asApiError } from './errors.js';
import type { RendererApi } from './transport.js';

export function createIpcTransport(bridge: HookscopeBridge): RendererApi {
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
    // IPC events are delivered in-process for the window's whole life: there is no gap to catch up
    // on, so "connected" fires once, right away.
    onConnected(listener) {
      queueMicrotask(listener);
      return () => {};
    },
    onConnectionChange: () => () => {},
    connection: () => 'live',
  };
}
