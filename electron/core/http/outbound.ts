// Every request Hookscope sends (mock sends, replays, auto-forwards) goes through here: headers sent
// exactly as given (order, case, duplicates), the body as exact bytes, redirects never followed, a
// hard timeout over the whole exchange, the response body capped, and each failure named by its kind
// so the sender can apply a provider's rules (a timeout and a refused connection are different facts).
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { HeaderField } from '../../../shared/domain.js';
import { fromRawHeaders, HEADER_NAME, unsendableHeaderChar } from '../../../shared/headers.js';
import { checkTarget, isAllowed, isLoopbackAddress, isLoopbackHostname } from '../../../shared/net/loopback.js';

export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;

export type OutboundErrorKind = 'timeout' | 'refused' | 'reset' | 'tls' | 'dns' | 'refused-target' | 'other';

export interface OutboundRequest {
  url: string;
  method: string;
  headers: HeaderField[];
  body: Buffer;
  timeoutMs: number;
  maxResponseBytes?: number;
  /** Non-loopback hosts the user explicitly allowed. */
  allowHosts?: readonly string[];
}

export interface OutboundResult {
  /** Response status, or null when no response arrived. */
  status: number | null;
  headers: HeaderField[];
  body: Buffer;
  bodyTruncated: boolean;
  durationMs: number;
  error: { kind: OutboundErrorKind; message: string } | null;
}

/** Headers that describe one connection, not the message: never copied from a capture. */
export const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade',
  'proxy-authenticate', 'proxy-authorization', 'host', 'content-length', 'expect',
]);

export async function sendOutbound(req: OutboundRequest): Promise<OutboundResult> {
  const started = performance.now();
  const failed = (kind: OutboundErrorKind, message: string): OutboundResult => ({
    status: null, headers: [], body: Buffer.alloc(0), bodyTruncated: false, durationMs: performance.now() - started, error: { kind, message },
  });
  const target = checkTarget(req.url, req.allowHosts);
  if (!target.ok) return failed('refused-target', target.reason);
  const url = target.url;
  const cap = req.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const raw: string[] = [];
  for (const h of req.headers) {
    if (HOP_BY_HOP.has(h.name.toLowerCase())) continue;
    // http.request would throw on it; callers check their input first, this keeps it a named failure.
    const unsendable = whyUnsendable(h);
    if (unsendable) return failed('other', unsendable);
    raw.push(h.name, h.value);
  }
  raw.push('Host', url.host, 'Content-Length', String(req.body.length), 'Connection', 'close');

  return new Promise<OutboundResult>((resolve) => {
    let settled = false;
    const finish = (result: OutboundResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request({
      method: req.method,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port || (url.protocol === 'https:' ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      headers: raw,
      lookup: guardedLookup(req.allowHosts ?? []),
      agent: false,
      ...tlsOptions(url),
    });
    const timer = setTimeout(() => {
      request.destroy();
      finish(failed('timeout', `no complete response within ${req.timeoutMs} ms`));
    }, req.timeoutMs);
    request.on('error', (err: NodeJS.ErrnoException) => finish(failed(classify(err), err.message)));
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let truncated = false;
      const done = () =>
        finish({
          status: res.statusCode ?? null,
          headers: fromRawHeaders(res.rawHeaders),
          body: Buffer.concat(chunks, size),
          bodyTruncated: truncated,
          durationMs: performance.now() - started,
          error: null,
        });
      res.on('data', (chunk: Buffer) => {
        if (size + chunk.length > cap) {
          chunks.push(chunk.subarray(0, cap - size));
          size = cap;
          truncated = true;
          done();
          res.destroy(); // an endless body is cut at the cap, not read forever
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      });
      res.on('end', done);
      res.on('error', () => {});
      res.on('close', () => {
        if (res.complete || truncated) return done();
        finish({ ...failed('reset', 'the connection closed in the middle of the response'), status: res.statusCode ?? null });
      });
    });
    request.end(req.body);
  });
}

function whyUnsendable(h: HeaderField): string | null {
  if (!HEADER_NAME.test(h.name)) return `header ${JSON.stringify(h.name)} cannot be sent: not a valid header name`;
  const bad = unsendableHeaderChar(h.value);
  return bad === undefined ? null : `header ${JSON.stringify(h.name)} cannot be sent: its value has ${JSON.stringify(bad)}`;
}

/**
 * Loopback handlers commonly use self-signed certificates, and a connection that never leaves the
 * machine has no one in the middle, so those are accepted. Any other host (one allowed with
 * --allow-host) gets normal certificate checks: the requests carry signatures, and Aptly's
 * x-signingKey header is the secret itself, so an unverified remote peer could take it.
 */
function tlsOptions(url: URL): https.RequestOptions {
  if (url.protocol !== 'https:') return {};
  return isLoopbackHostname(url.hostname) ? { rejectUnauthorized: false } : { rejectUnauthorized: true };
}

function classify(err: NodeJS.ErrnoException): OutboundErrorKind {
  const code = err.code ?? '';
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ECONNRESET' || code === 'EPIPE' || err.message === 'socket hang up') return 'reset';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'dns';
  if (code === 'EREFUSEDTARGET') return 'refused-target';
  if (code.startsWith('ERR_TLS') || code.startsWith('ERR_SSL') || code.includes('CERT') || code === 'EPROTO') return 'tls';
  return 'other';
}

/** DNS lookup that refuses names resolving outside loopback (unless allowed), before connecting. */
function guardedLookup(allowHosts: readonly string[]): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      const safe = isAllowed(hostname, allowHosts) ? list : list.filter((a) => isLoopbackAddress(a.address));
      if (safe.length === 0) {
        const refused = Object.assign(new Error(`refusing to connect: ${hostname} does not resolve to a loopback address`), { code: 'EREFUSEDTARGET' });
        return callback(refused, '', 0);
      }
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, safe);
      callback(null, safe[0]!.address, safe[0]!.family);
    });
  };
}
