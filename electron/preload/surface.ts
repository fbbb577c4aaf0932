// What the preload exposes as `window.hookscope`, built from the API contract itself: one function per
// method (the allowlist is METHOD_NAMES, no second list to keep in step) and `on(event, cb)` for the
// contract's events. The page never gets ipcRenderer, an IPC event object, or any Electron object.
//
// Errors: contextBridge rebuilds an Error thrown or rejected across it as a bare Error with only its
// message (custom fields such as `code` are dropped), but copies plain objects whole. So a failed call
// rejects with a plain object { name: 'ApiError', code, message, issues? }: the page can read
// `err.code` and `err.message`, and may wrap it in shared/api/errors.ts's ApiError.
// No Electron import here, so this is tested in Node with a fake ipcRenderer.
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../../shared/api/contract.js';
import { IPC_EVENT_CHANNEL, ipcCallChannel, type HookscopeBridge, type IpcEnvelope } from '../../shared/api/bridge.js';
import { ERROR_CODES, type ApiErrorBody, type ErrorCode } from '../../shared/api/errors.js';

/** The part of Electron's ipcRenderer the preload uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

/** How a failed call reaches the page: a plain object, so it survives contextBridge intact. */
export interface BridgeError {
  name: 'ApiError';
  code: ErrorCode;
  message: string;
  issues?: string[];
}

type Listener = (payload: unknown) => void;

export function buildBridge(ipc: IpcRendererLike): HookscopeBridge {
  const surface: Record<string, unknown> = {};
  for (const method of METHOD_NAMES) {
    surface[method] = (input: unknown) => call(ipc, ipcCallChannel(method), input);
  }
  const listeners = new Map<EventName, Set<Listener>>();
  ipc.on(IPC_EVENT_CHANNEL, (_event, message) => deliver(listeners, message));
  surface.on = (name: unknown, listener: unknown) => subscribe(listeners, name, listener);
  return Object.freeze(surface) as HookscopeBridge;
}

async function call(ipc: IpcRendererLike, channel: string, input: unknown): Promise<unknown> {
  let envelope: unknown;
  try {
    envelope = await ipc.invoke(channel, input);
  } catch (err) {
    // invoke itself fails when the input cannot be cloned, or when main has no handler (yet).
    const message = err instanceof Error ? err.message : String(err);
    throw bridgeError(/could not be cloned/i.test(message) ? 'bad-input' : 'unavailable', message);
  }
  if (!isEnvelope(envelope)) throw bridgeError('internal', 'malformed answer from the main process');
  if (envelope.ok) return envelope.result;
  throw bridgeError(envelope.error.code, envelope.error.message, envelope.error.issues);
}

function subscribe(listeners: Map<EventName, Set<Listener>>, name: unknown, listener: unknown): () => void {
  if (typeof name !== 'string' || !(EVENT_NAMES as string[]).includes(name)) {
    throw new TypeError(`unknown event "${String(name)}" (known: ${EVENT_NAMES.join(', ')})`);
  }
  if (typeof listener !== 'function') throw new TypeError('on(event, listener): listener must be a function');
  const event = name as EventName;
  let set = listeners.get(event);
  if (!set) listeners.set(event, (set = new Set()));
  const entry: Listener = (payload) => (listener as Listener)(payload);
  set.add(entry);
  return () => void set.delete(entry);
}

function deliver(listeners: Map<EventName, Set<Listener>>, message: unknown): void {
  if (typeof message !== 'object' || message === null) return;
  const { name, payload } = message as { name?: unknown; payload?: unknown };
  if (typeof name !== 'string') return;
  for (const listener of listeners.get(name as EventName) ?? []) {
    try {
      listener(payload);
    } catch (err) {
      console.error(`hookscope: a "${name}" listener failed:`, err);
    }
  }
}

function isEnvelope(value: unknown): value is IpcEnvelope {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  if (value.ok === true) return true;
  const error = (value as Partial<ApiErrorBody>).error;
  return value.ok === false && typeof error === 'object' && error !== null && typeof error.message === 'string';
}

function bridgeError(code: string, message: string, issues?: string[]): BridgeError {
  const known = (ERROR_CODES as readonly string[]).includes(code) ? (code as ErrorCode) : 'internal';
  return { name: 'ApiError', code: known, message, ...(issues ? { issues: [...issues] } : {}) };
}
