// Real webhook handlers for the check's tests: each one a separate Node process on 127.0.0.1:0 running
// the given source, as a user's handler would run. `handle(raw, header)` gets the raw body (a Buffer)
// and a header getter, and returns a status (or a promise of one). The generated snippet's verifier
// (shared/providers/snippets.ts verifierSource) runs exactly as printed, under an http server.
import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';
import type { ProviderSpec } from '../../shared/providers/spec.js';
import { verifierSource } from '../../shared/providers/snippets.js';

export interface RunningHandler {
  url: string;
  stop(): void;
}

const running = new Set<ChildProcess>();

const SERVER = `
import http from 'node:http';
const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const header = (name) => { const v = req.headers[name.toLowerCase()]; return Array.isArray(v) ? v[0] : v; };
    let status;
    try { status = await handle(Buffer.concat(chunks), header); } catch (err) { console.error(err); status = 500; }
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'text/plain' }).end(status < 300 ? 'ok' : 'no');
  });
});
server.listen(0, '127.0.0.1', () => process.stdout.write(server.address().port + '\\n'));
`;

/** Starts `source` (defining `handle`) in its own Node process, with SECRET set. */
export function startHandler(source: string, secret: string): Promise<RunningHandler> {
  const child = spawn(process.execPath, ['--input-type=module', '-e', `const SECRET = ${JSON.stringify(secret)};\n${source}\n${SERVER}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`handler exited with ${code}: ${stderr}`)));
    readline.createInterface({ input: child.stdout! }).once('line', (port) =>
      resolve({
        url: `http://127.0.0.1:${port.trim()}/webhooks`,
        stop: () => {
          running.delete(child);
          child.kill();
        },
      }),
    );
  });
}

export function stopAllHandlers(): void {
  for (const child of running) child.kill();
  running.clear();
}

/** The project's own generated verifier, answering 200 to what it accepts and 400 to the rest. */
export function snippetHandler(spec: ProviderSpec, extra = ''): string {
  return `${verifierSource(spec, 'node')}
${extra}
async function handle(raw, header) {
  return verifyWebhook(raw, header, SECRET) ? 200 : 400;
}`;
}
