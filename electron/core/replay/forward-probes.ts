// The facts `diagnoseForward` explains, gathered after a forward or replay failed: what the hostname
// resolved to, which loopback addresses listen on the port (and which nearby ports do), whether the
// port speaks plain HTTP or TLS, what the same origin answered before, and whether Docker is around.
// Probes only ever connect to loopback addresses, with a short timeout each, and run in parallel.
import dns from 'node:dns/promises';
import fs from 'node:fs';
import net from 'node:net';
import tls from 'node:tls';
import type { Db } from '../store/connection.js';
import type { OutboundErrorKind } from '../http/outbound.js';
import { diagnoseForward, type ForwardFacts } from './forward-diagnosis.js';

const PROBE_TIMEOUT_MS = 400;
/** Ports dev servers commonly default to, probed besides the target's neighbours. */
const COMMON_DEV_PORTS = [3000, 3001, 4000, 5000, 5173, 8000, 8080, 8888, 9000];
const NEIGHBOURS = 5;

export interface ForwardOutcome {
  url: string;
  status: number | null;
  errorKind: OutboundErrorKind | 'not-sent' | null;
}

/** Whether an outcome is one the diagnosis can explain (so probing is worth it). */
export function worthDiagnosing(o: ForwardOutcome): boolean {
  if (o.status === 404) return true;
  return o.status === null && ['refused', 'timeout', 'reset', 'tls', 'dns', 'refused-target', 'other'].includes(o.errorKind ?? '');
}

export interface ProbeOptions {
  /** Ports this Hookscope listens on, never suggested as the handler's. */
  ownPorts?: readonly number[];
  docker?: ForwardFacts['docker'];
}

/** Probes and explains an outcome in words, or null when nothing explains it. Never throws. */
export async function explainForward(db: Db, outcome: ForwardOutcome, opts: ProbeOptions = {}): Promise<string | null> {
  if (!worthDiagnosing(outcome)) return null;
  try {
    return diagnoseForward(await gatherFacts(db, outcome, opts));
  } catch {
    return null; // a diagnosis is a courtesy: never let it break the record of the forward itself
  }
}

export async function gatherFacts(db: Db, outcome: ForwardOutcome, opts: ProbeOptions = {}): Promise<ForwardFacts> {
  const url = new URL(outcome.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const own = new Set(opts.ownPorts ?? []);
  const candidates = [...new Set([...range(port - NEIGHBOURS, port + NEIGHBOURS), ...COMMON_DEV_PORTS])].filter(
    (p) => p !== port && p > 0 && p < 65536 && !own.has(p),
  );
  const [resolved, v4, v6, nearby] = await Promise.all([
    resolve(host),
    accepts('127.0.0.1', port),
    accepts('::1', port),
    listeningAmong(candidates),
  ]);
  const first = resolved.find((a) => a.startsWith('127.') || a === '::1') ?? (v4 ? '127.0.0.1' : '::1');
  const [speaksPlainHttp, speaksTls] = await Promise.all([
    outcome.errorKind === 'tls' ? answersPlainHttp(first, port) : Promise.resolve(null),
    outcome.errorKind === 'reset' || outcome.errorKind === 'other' ? completesTls(first, port) : Promise.resolve(null),
  ]);
  return {
    url: outcome.url,
    status: outcome.status,
    errorKind: outcome.errorKind,
    resolved,
    listening: { v4, v6 },
    nearby,
    speaksPlainHttp,
    speaksTls,
    answeredBefore: outcome.status === 404 ? answeredBefore(db, url) : null,
    docker: opts.docker ?? dockerFacts(),
  };
}

function range(from: number, to: number): number[] {
  const out: number[] = [];
  for (let p = from; p <= to; p++) out.push(p);
  return out;
}

async function resolve(host: string): Promise<string[]> {
  if (net.isIP(host)) return [host];
  try {
    return (await dns.lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  } catch {
    return [];
  }
}

/** True when something accepts a TCP connection on address:port. */
export function accepts(address: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ host: address, port, timeout: PROBE_TIMEOUT_MS });
    const end = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', () => end(true));
    socket.once('timeout', () => end(false));
    socket.once('error', () => end(false));
  });
}

async function listeningAmong(ports: number[]): Promise<Array<{ port: number; address: string }>> {
  const checks = ports.flatMap((port) => ['127.0.0.1', '::1'].map(async (address) => ((await accepts(address, port)) ? { port, address } : null)));
  return (await Promise.all(checks)).filter((x): x is { port: number; address: string } => x !== null);
}

/** True when the port answers a plain HTTP request with an HTTP status line. */
function answersPlainHttp(address: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = net.connect({ host: address, port, timeout: PROBE_TIMEOUT_MS });
    let head = '';
    const end = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.once('connect', () => socket.write('HEAD / HTTP/1.0\r\nHost: localhost\r\n\r\n'));
    socket.on('data', (chunk: Buffer) => {
      head += chunk.toString('latin1');
      if (head.length >= 5) end(head.startsWith('HTTP/'));
    });
    socket.once('end', () => end(head.startsWith('HTTP/')));
    socket.once('timeout', () => end(false));
    socket.once('error', () => end(false));
  });
}

/** True when the port completes a TLS handshake (any certificate: this is loopback). */
function completesTls(address: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = tls.connect({ host: address, port, rejectUnauthorized: false, timeout: PROBE_TIMEOUT_MS, servername: 'localhost' });
    const end = (ok: boolean) => {
      socket.destroy();
      done(ok);
    };
    socket.once('secureConnect', () => end(true));
    socket.once('timeout', () => end(false));
    socket.once('error', () => end(false));
  });
}

/** The newest non-404 answer from the same origin on another path, from recorded replays and forwards. */
function answeredBefore(db: Db, url: URL): { path: string; status: number } | null {
  const rows = db
    .prepare('SELECT request_url AS url, response_status AS status FROM replays WHERE response_status IS NOT NULL AND response_status <> 404 ORDER BY id DESC LIMIT 500')
    .all() as Array<{ url: string; status: number }>;
  for (const row of rows) {
    let earlier: URL;
    try {
      earlier = new URL(row.url);
    } catch {
      continue;
    }
    if (earlier.origin === url.origin && earlier.pathname !== url.pathname) return { path: earlier.pathname, status: row.status };
  }
  return null;
}

export function dockerFacts(): ForwardFacts['docker'] {
  return { insideContainer: fs.existsSync('/.dockerenv'), hostHasDocker: fs.existsSync('/var/run/docker.sock') };
}
