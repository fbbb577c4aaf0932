// The core host as an Electron utilityProcess (a Node child Chromium's process model knows about):
// the core's event loop and synchronous SQLite stay off the main process, which handles every window's
// input. The protocol runs on a MessageChannelMain of its own: port2 travels to the host in the first
// message on its parentPort (electron/host/index.ts takes it from there), port1 stays here.
// Only this file and index.ts touch Electron for the host; everything else is in electron/host/ and
// runs (and is tested) under plain Node.
import { MessageChannelMain, utilityProcess } from 'electron';
import { messagePortChannel } from '../host/channels.js';
import type { HostProcess } from '../host/host-client.js';

export function forkUtilityHost(entry: string): HostProcess {
  const child = utilityProcess.fork(entry, [], {
    serviceName: 'Hookscope core',
    // The host's own stdout/stderr go to the app's (a terminal when started from one, else nowhere).
    stdio: 'inherit',
  });
  const { port1, port2 } = new MessageChannelMain();
  // Handed over once the process runs; what main posts on port1 meanwhile waits in the channel.
  child.once('spawn', () => child.postMessage({ type: 'connect' }, [port2]));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => port1.close());
  return {
    channel: messagePortChannel(port1),
    get pid() {
      return child.pid;
    },
    // SIGKILL, not Electron's kill() (SIGTERM): Node in the host handles SIGTERM, so a host that is
    // suspended (SIGSTOP, a debugger) would keep it pending and never end; its heartbeat ends such a host.
    kill: () => {
      if (child.pid === undefined) return void child.kill();
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        child.kill(); // already gone, or not ours to signal
      }
    },
    onExit: (listener) => void exited.then(listener),
  };
}
