// A core host as a plain Node child process (`child_process.fork`, IPC with structured clone): what the
// tests run the host relay and its crash recovery on, the same protocol the desktop app speaks to its
// utilityProcess over a MessagePort.
import { fork } from 'node:child_process';
import { childProcessChannel } from './channels.js';
import type { HostProcess } from './host-client.js';

export interface NodeHostOptions {
  /** The host entry: the built dist/electron/host.js, or electron/host/index.ts with a TS loader. */
  entry: string;
  /** Node flags for the child, e.g. ['--import', 'tsx'] to run the TypeScript entry. */
  execArgv?: string[];
  env?: NodeJS.ProcessEnv;
}

export function forkNodeHost(opts: NodeHostOptions): HostProcess {
  const child = fork(opts.entry, [], {
    execArgv: opts.execArgv ?? [],
    env: opts.env ?? process.env,
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    channel: childProcessChannel(child),
    pid: child.pid,
    kill: () => void child.kill('SIGKILL'),
    onExit: (listener) => void exited.then(listener),
  };
}
