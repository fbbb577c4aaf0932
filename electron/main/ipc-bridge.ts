// Electron IPC, generated from the API contract: one loop registers a handler per method, and every
// call goes through one gate. Threat model: the renderer shows untrusted payloads, so treat every IPC
// message as hostile until proven otherwise. A call is served only when it comes from the main frame
// (never an iframe) of a page on one of our origins (app://hookscope, or the dev server in
// development); its input is then parsed by the core's dispatcher with the contract's zod schema.
// Answers cross as an envelope ({ok, result} or {ok:false, error:{code, message, issues}}) because
// Electron keeps only an Error's message across IPC; stack traces never leave this process.
// Written against structural interfaces so it is tested in plain Node, without Electron.
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../../shared/api/contract.js';
import { IPC_EVENT_CHANNEL, ipcCallChannel, type IpcEnvelope } from '../../shared/api/bridge.js';
import { ApiError } from '../../shared/api/errors.js';
import { toApiError, type Core } from '../core/index.js';
import { isTrustedOrigin } from './origins.js';

/** The part of a WebFrameMain the gate looks at. */
export interface IpcFrameLike {
  readonly url: string;
  readonly parent: unknown;
}

export interface IpcInvokeEventLike {
  readonly senderFrame: IpcFrameLike | null;
}

/** The part of Electron's ipcMain the bridge uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

/** Where events go: our windows' webContents. */
export interface EventTargetLike {
  send(channel: string, message: IpcEventMessage): void;
  isDestroyed(): boolean;
}

/** What travels on IPC_EVENT_CHANNEL. */
export interface IpcEventMessage {
  name: EventName;
  payload: unknown;
}

export interface IpcBridgeOptions {
  /** Origins whose main frame may call the API, e.g. ['app://hookscope']. */
  trustedOrigins: readonly string[];
  /** The webContents that receive events, looked up at each event (windows come and go). */
  eventTargets: () => Iterable<EventTargetLike>;
}

export interface IpcBridge {
  close(): void;
}

export function registerIpcBridge(ipc: IpcMainLike, core: Core, opts: IpcBridgeOptions): IpcBridge {
  for (const method of METHOD_NAMES) {
    ipc.handle(ipcCallChannel(method), async (event, input): Promise<IpcEnvelope> => {
      const refusal = refuseSender(event, opts.trustedOrigins);
      if (refusal) return failure(new ApiError('forbidden', refusal));
      try {
        return { ok: true, result: await core.dispatch(method, input) };
      } catch (err) {
        return failure(toApiError(err));
      }
    });
  }
  const unsubscribe = core.ctx.events.onAny((name, payload) => {
    if (!EVENT_NAMES.includes(name)) return;
    for (const target of opts.eventTargets()) {
      if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, { name, payload });
    }
  });
  return {
    close: () => {
      unsubscribe();
      for (const method of METHOD_NAMES) ipc.removeHandler(ipcCallChannel(method));
    },
  };
}

/** Why a call is refused, or null when its sender is trusted. */
export function refuseSender(event: IpcInvokeEventLike, trustedOrigins: readonly string[]): string | null {
  let frame: IpcFrameLike | null;
  try {
    // Electron throws when the frame was disposed (navigated away or destroyed) mid-call.
    frame = event.senderFrame;
  } catch {
    frame = null;
  }
  if (!frame) return 'IPC call refused: the sending frame is gone';
  if (frame.parent !== null) return 'IPC call refused: only the main frame may call the API, not a subframe';
  if (!isTrustedOrigin(frame.url, trustedOrigins)) return 'IPC call refused: the sending page is not Hookscope';
  return null;
}

function failure(err: ApiError): IpcEnvelope {
  return { ok: false, ...err.toBody() };
}
