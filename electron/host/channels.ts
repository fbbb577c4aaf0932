// The transports the host protocol runs over, each a thin adapter to HostChannel:
// - a MessagePort (Electron's MessagePortMain on both ends: main ↔ utilityProcess),
// - a Node child process's IPC (`child_process.fork` with serialization 'advanced', which
//   structured-clones like a MessagePort), from the child's side and from the parent's.
// Structural types only: no `electron` import, so this is built into the host bundle and tested in Node.
import type { ChildProcess } from 'node:child_process';
import type { HostChannel } from './protocol.js';

/** The part of Electron's MessagePortMain used here (its 'message' events carry `{ data }`). */
export interface MessagePortLike {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
  off(event: 'message', listener: (event: { data: unknown }) => void): unknown;
  start(): void;
  close(): void;
}

export function messagePortChannel(port: MessagePortLike): HostChannel {
  let open = true;
  let started = false;
  port.on('close', () => (open = false));
  return {
    post: (message) => {
      if (open) port.postMessage(message);
    },
    onMessage: (listener) => {
      const onMessage = (event: { data: unknown }) => listener(event.data);
      port.on('message', onMessage);
      // A port queues what arrives until started: start it once someone listens, so nothing is dropped.
      if (!started) port.start();
      started = true;
      return () => void port.off('message', onMessage);
    },
    onClose: (listener) => void port.on('close', listener),
  };
}

/** The parent's end of a forked child's IPC. */
export function childProcessChannel(child: ChildProcess): HostChannel {
  return {
    post: (message) => {
      if (child.connected) child.send(message as object, (err) => err && console.error('hookscope: message to the core host lost:', err.message));
    },
    onMessage: (listener) => {
      child.on('message', listener);
      return () => void child.off('message', listener);
    },
    onClose: (listener) => void child.once('disconnect', listener),
  };
}

/** The child's end: this process's IPC with the parent that forked it. */
export function parentProcessChannel(proc: NodeJS.Process): HostChannel {
  return {
    post: (message) => {
      if (proc.connected && proc.send) proc.send(message as object);
    },
    onMessage: (listener) => {
      proc.on('message', listener);
      return () => void proc.off('message', listener);
    },
    onClose: (listener) => void proc.once('disconnect', listener),
  };
}
