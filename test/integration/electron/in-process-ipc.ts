// An in-process stand-in for Electron's IPC: ipcMain.handle/ipcRenderer.invoke routed through a map,
// with every argument and result structured-cloned as Electron's IPC does, a sender frame chosen per
// renderer, and webContents.send delivering to the renderer's listeners. Enough to run the real IPC
// bridge and the real preload surface against each other in Node.
import type { EventTargetLike, IpcEventMessage, IpcFrameLike, IpcInvokeEventLike, IpcMainLike } from '../../../electron/main/ipc-bridge.js';
import type { IpcRendererLike } from '../../../electron/preload/surface.js';

type Handler = (event: IpcInvokeEventLike, ...args: unknown[]) => Promise<unknown>;
type Listener = (event: unknown, ...args: unknown[]) => void;

export class InProcessIpc {
  private readonly handlers = new Map<string, Handler>();
  private readonly listeners = new Map<string, Set<Listener>>();

  readonly main: IpcMainLike = {
    handle: (channel, listener) => {
      if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
      this.handlers.set(channel, listener);
    },
    removeHandler: (channel) => void this.handlers.delete(channel),
  };

  /** The renderer side, as seen from a page whose frame is `frame` (null: the frame is gone). */
  renderer(frame: IpcFrameLike | null): IpcRendererLike {
    return {
      invoke: async (channel, ...args) => {
        const handler = this.handlers.get(channel);
        if (!handler) throw new Error(`Error invoking remote method '${channel}': Error: No handler registered for '${channel}'`);
        return structuredClone(await handler({ senderFrame: frame }, ...structuredClone(args)));
      },
      on: (channel, listener) => {
        let set = this.listeners.get(channel);
        if (!set) this.listeners.set(channel, (set = new Set()));
        set.add(listener);
      },
    };
  }

  /** The window's webContents: what main sends reaches the renderer's listeners. */
  readonly webContents: EventTargetLike = {
    send: (channel: string, message: IpcEventMessage) => {
      for (const listener of this.listeners.get(channel) ?? []) listener({ sender: 'ipcRenderer' }, structuredClone(message));
    },
    isDestroyed: () => false,
  };

  channels(): string[] {
    return [...this.handlers.keys()];
  }
}

export const MAIN_FRAME = { url: 'app://hookscope/index.html', parent: null };
