// The shape of `window.hookscope`, which Electron's preload exposes: one function per contract method
// (keyed by its name, e.g. `window.hookscope['deliveries.list'](input)`) and `on(event, cb)` returning
// an unsubscribe. Results cross IPC in an envelope, because Electron drops custom error fields.
import type { ApiErrorBody } from './errors.js';
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from './contract.js';

export type HookscopeBridge = {
  [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>>;
} & {
  on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void;
};

export type IpcEnvelope = { ok: true; result: unknown } | ({ ok: false } & ApiErrorBody);

/** IPC channel of a method call, and the one channel events arrive on. */
export const ipcCallChannel = (method: MethodName): string => `hookscope:call:${method}`;
export const IPC_EVENT_CHANNEL = 'hookscope:event';

/**
 * The HTTP bridge writes a comment on every open event stream this often, so a reader can tell a quiet
 * stream from a server that stopped (electron/host/serve-client.ts's watchdog counts on it).
 */
export const EVENT_STREAM_KEEP_ALIVE_MS = 15_000;
