// Entry of the core host process (built to dist/electron/host.js). It finds its channel to the shell:
// - in Electron's utilityProcess, the first message on `process.parentPort` carries a MessagePortMain
//   (the main process keeps the other end of a MessageChannelMain), and the protocol runs on that port;
// - under plain Node (`child_process.fork`), the protocol runs on the process's IPC.
import { messagePortChannel, parentProcessChannel, type MessagePortLike } from './channels.js';
import { runCoreHost } from './core-host.js';

/** Electron's `process.parentPort` in a utility process (absent under Node). */
interface ParentPortLike {
  once(event: 'message', listener: (event: { data: unknown; ports: MessagePortLike[] }) => void): unknown;
}

const exit = (code: number) => process.exit(code);
const parentPort = (process as NodeJS.Process & { parentPort?: ParentPortLike }).parentPort;

if (parentPort) {
  parentPort.once('message', (event) => {
    const port = event.ports[0];
    if (!port) {
      console.error('hookscope host: the first message from the main process carried no port');
      return exit(1);
    }
    runCoreHost(messagePortChannel(port), { exit });
  });
} else if (process.send) {
  runCoreHost(parentProcessChannel(process), { exit });
} else {
  console.error('hookscope host: run me as a utility process or a forked child process, not directly');
  exit(2);
}
