// cloudflared's quick tunnel: `cloudflared tunnel --url <receiver>` asks trycloudflare.com for a random
// https://<words>.trycloudflare.com name and prints it in a box on stderr. No account, no cost, no
// uptime guarantee; the URL changes on every start. We read the URL from its output, keep the
// process for as long as the receiver runs, and end it (SIGTERM, then SIGKILL) on close.
import { spawn } from 'node:child_process';
import { TunnelError, type Tunnel, type TunnelOptions } from './engine.js';

const DEFAULT_TIMEOUT_MS = 30_000;
// Not api.trycloudflare.com: cloudflared names that one in its errors when it cannot reach it.
const URL_PATTERN = /https:\/\/(?!api\.)[a-z0-9-]+\.trycloudflare\.com/i;
const INSTALL = 'install it (https://developers.cloudflare.com/cloudflare-one/connections/connect-networks/downloads/) and make sure `cloudflared --version` runs';

/** The public URL in a line of cloudflared's output, or null. */
export function quickTunnelUrl(line: string): string | null {
  return URL_PATTERN.exec(line)?.[0] ?? null;
}

export function startCloudflared(receiverUrl: string, opts: TunnelOptions = {}): Promise<Tunnel> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const child = spawn('cloudflared', ['tunnel', '--no-autoupdate', '--url', receiverUrl], { stdio: ['ignore', 'pipe', 'pipe'], env: opts.env ?? process.env });
    let settled = false;
    let lastLine = '';
    const fail = (message: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (child.exitCode === null) child.kill('SIGKILL');
      reject(new TunnelError('cloudflared', message));
    };
    const timer = setTimeout(() => {
      fail(`cloudflared printed no tunnel URL within ${timeoutMs / 1000} s (is this machine online? trycloudflare.com must be reachable)${lastLine ? `; its last line: ${lastLine}` : ''}`);
    }, timeoutMs);
    const read = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split(/\r?\n/)) {
        const trimmed = line.trim();
        if (trimmed) lastLine = trimmed.slice(0, 300);
        const url = quickTunnelUrl(line);
        if (!url || settled) continue;
        settled = true;
        clearTimeout(timer);
        resolve({ engine: 'cloudflared', publicUrl: url, close: () => stop(child) });
      }
    };
    // cloudflared logs to stderr; read both in case a version prints the box to stdout.
    child.stderr.on('data', read);
    child.stdout.on('data', read);
    child.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'ENOENT') fail(`cloudflared is not installed or not on PATH: ${INSTALL}`);
      else fail(`cloudflared could not be started: ${err.message}`);
    });
    child.on('exit', (code, signal) => {
      fail(`cloudflared exited (${signal ?? `code ${code}`}) before printing a tunnel URL${lastLine ? `: ${lastLine}` : ''}`);
    });
  });
}

function stop(child: ReturnType<typeof spawn>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const kill = setTimeout(() => child.kill('SIGKILL'), 3_000);
    child.once('exit', () => {
      clearTimeout(kill);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
