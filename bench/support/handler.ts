// The parent side of handler-worker.ts: a webhook handler on 127.0.0.1 in a separate process.
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'handler-worker.ts');

export interface Handler {
  url: string;
  received(): Promise<number>;
  stop(): Promise<void>;
}

export function startHandler(status: number): Promise<Handler> {
  return new Promise((resolve, reject) => {
    const child: ChildProcess = fork(WORKER, [], { execArgv: ['--import', 'tsx'], env: { ...process.env, HANDLER_STATUS: String(status) } });
    child.once('error', reject);
    child.once('message', (message) => {
      const { port } = message as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}/webhooks`,
        received: () =>
          new Promise((done) => {
            child.once('message', (m) => done((m as { received: number }).received));
            child.send('count');
          }),
        stop: () =>
          new Promise((done) => {
            child.once('exit', () => done());
            child.send('stop');
          }),
      });
    });
  });
}
