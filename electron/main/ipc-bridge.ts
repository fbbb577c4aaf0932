// Electron IPC, generated from the API contract: one loop registers a handler per method, and every
// call goes through one gate, then to the core wherever it runs (a CoreLink: the core host process, or
// a running `hookscope serve`; see electron/host/link.ts). Threat model: the renderer shows untrusted payloads, so treat every IPC
// message as hostile until proven otherwise. A call is served only when it comes from the main frame
// (never an iframe) of a page on one of our origins (app://hookscope, or the dev server in
// development); its input is then parsed by the core's dispatcher with the contract's zod schema
// (in the core's own process, which never trusts this relay).
// Answers cross as an envelope ({ok, result} or {ok:false, error:{code, message, issues}}) because
// Electron keeps only an Error's message across IPC; stack traces never leave this process.
// Written against structural interfaces so it is tested in plain Node, without Electron.
import { EVENT_NAMES, METHOD_NAMES, type EventName } from '../../shared/api/contract.js';
import { IPC_EVENT_CHANNEL, ipcCallChannel, type IpcEnvelope } from '../../shared/api/bridge.js';
import { ApiError } from '../../shared/api/errors.js';
import type { CoreLink } from '../host/link.js';
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

export function registerIpcBridge(ipc: IpcMainLike, core: CoreLink, opts: IpcBridgeOptions): IpcBridge {
  for (const method of METHOD_NAMES) {
    ipc.handle(ipcCallChannel(method), async (event, input): Promise<IpcEnvelope> => {
      const refusal = refuseSender(event, opts.trustedOrigins);
      if (refusal) return failure(new ApiError('forbidden', refusal));
      try {
        return { ok: true, result: await core.dispatch(method, input) };
      } catch (err) {
        return failure(asApiError(err));
      }
    });
  }
  const unsubscribe = core.onEvent((name, payload) => {
    if (!EVENT_NAMES.includes(name)) return;
    for (const target of opts.eventTargets()) {
      if (target.isDestroyed()) continue;
      try {
        target.send(IPC_EVENT_CHANNEL, { name, payload });
      } catch (err) {
        // Electron throws while a window's main frame is disposed (its renderer crashed or is being
        // replaced): the other windows still get the event, and the throw never reaches the link's
        // message handler (in the main process, an uncaught exception is an error dialog).
        console.warn(`hookscope: a window missed a "${name}" event: ${err instanceof Error ? err.message : String(err)}`);
      }
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

/** Links reject with ApiErrors; anything else is a bug here, reported without its details. */
function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  console.error('hookscope: internal error in the IPC bridge:', err);
  return new ApiError('internal', 'internal error (details in the app log)');
}

function failure(err: ApiError): IpcEnvelope {
  return { ok: false, ...err.toBody() };
}
