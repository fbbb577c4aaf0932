// The headless bridge: the API contract over HTTP (POST /api/call/<method>) and its events over SSE
// (GET /api/events), plus the built UI.
//
// Threat model: any web page the user visits can send requests to 127.0.0.1, and DNS rebinding can
// make a hostile site look same-origin. So the bridge listens on loopback only, never on the
// receiver's port; every API request must carry this run's random token (Authorization: Bearer, or
// ?token= for the event stream, which EventSource cannot send headers for); the Host header must name
// loopback (defeats rebinding); a request with an Origin header must come from the bridge's own
// origin. The UI page itself holds no secret: it gets the token from the URL fragment, which browsers
// never send to a server.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { EVENT_STREAM_KEEP_ALIVE_MS } from '../../shared/api/bridge.js';
import { EVENT_NAMES } from '../../shared/api/contract.js';
import { ApiError, HTTP_STATUS_OF } from '../../shared/api/errors.js';
import { safeEqualText } from '../../shared/verify/crypto.js';
import { toApiError, type Core } from '../core/index.js';
import { callBodyLimit } from './call-limits.js';
import { createJsonParser, JsonBodyError, type JsonParser } from './json-off-loop.js';
import { serveStatic } from './static.js';

/**
 * After refusing an oversized call, request bytes still read (and discarded) before closing: closing
 * a socket with unread input makes the kernel reset it, and the client would lose the 413 answer.
 */
const MAX_DRAIN_AFTER_REFUSAL = 16 * 1024 * 1024;
/** Unsent event-stream bytes at which a reader that stopped reading is dropped, not buffered forever. */
export const MAX_STREAM_BACKLOG = 8 * 1024 * 1024;

export interface BridgeOptions {
  host?: string;
  port?: number;
  /** Defaults to a fresh random token. */
  token?: string;
  /** Folder of the built UI; a hint page is served when it is missing. */
  uiDir?: string;
}

export interface Bridge {
  readonly url: string;
  /** The URL to open: the UI with its token in the fragment. */
  readonly uiUrl: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

export async function startHttpBridge(core: Core, opts: BridgeOptions = {}): Promise<Bridge> {
  const host = opts.host ?? '127.0.0.1';
  const token = opts.token ?? randomBytes(24).toString('hex');
  const streams = new Set<http.ServerResponse>();
  const parser = createJsonParser();
  let port = 0;

  const server = http.createServer({ headersTimeout: 20_000, requestTimeout: 120_000 }, (req, res) => {
    res.on('error', () => {});
    const guard = checkHostAndOrigin(req, port);
    if (guard) return sendError(res, guard);
    const url = new URL(req.url ?? '/', 'http://bridge.invalid');
    if (url.pathname.startsWith('/api/')) {
      if (!hasToken(req, url, token)) return sendError(res, new ApiError('unauthorized', 'missing or wrong API token'));
      if (url.pathname === '/api/events' && req.method === 'GET') return openEventStream(res, streams, core.ctx.filing.watch());
      const match = /^\/api\/call\/([A-Za-z0-9_.-]+)$/.exec(url.pathname);
      if (match && req.method === 'POST') return void handleCall(core, parser, match[1]!, req, res);
      return sendError(res, new ApiError('not-found', `no API route ${req.method} ${url.pathname}`));
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendError(res, new ApiError('not-found', 'not found'));
    serveStatic(opts.uiDir, url.pathname, req, res);
  });

  const unsubscribe = core.ctx.events.onAny((name, payload) => {
    const frame = `event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
    for (const stream of streams) writeOrDrop(stream, frame, streams);
  });
  const heartbeat = setInterval(() => {
    for (const stream of streams) writeOrDrop(stream, ': keep-alive\n\n', streams);
  }, EVENT_STREAM_KEEP_ALIVE_MS);
  heartbeat.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${host}:${port}`;
  return {
    url,
    uiUrl: `${url}/#token=${token}`,
    token,
    port,
    close: async () => {
      unsubscribe();
      clearInterval(heartbeat);
      for (const stream of streams) stream.end();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await parser.close();
    },
  };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

function checkHostAndOrigin(req: http.IncomingMessage, port: number): ApiError | null {
  const hostHeader = req.headers.host ?? '';
  const allowed = [...LOOPBACK_HOSTS].map((h) => `${h}:${port}`);
  if (!allowed.includes(hostHeader)) return new ApiError('forbidden', `Host header "${hostHeader}" is not this bridge (loopback only)`);
  const origin = req.headers.origin;
  if (origin !== undefined && !allowed.some((h) => origin === `http://${h}`)) {
    return new ApiError('forbidden', `Origin "${origin}" may not call this API`);
  }
  return null;
}

function hasToken(req: http.IncomingMessage, url: URL, token: string): boolean {
  const auth = req.headers.authorization ?? '';
  const given = auth.startsWith('Bearer ') ? auth.slice('Bearer '.length) : url.pathname === '/api/events' ? url.searchParams.get('token') ?? '' : '';
  return safeEqualText(given, token);
}

async function handleCall(core: Core, parser: JsonParser, method: string, req: http.IncomingMessage, res: http.ServerResponse) {
  try {
    const body = await readBody(req, res, callBodyLimit(method));
    const input = await parser.parse(body).catch((err: unknown) => {
      throw err instanceof JsonBodyError ? new ApiError('bad-input', err.message) : err;
    });
    const result = await core.dispatch(method, input);
    sendJson(res, 200, { result: result ?? null });
  } catch (err) {
    if (err instanceof AlreadyAnswered) return;
    sendError(res, toApiError(err));
  }
}

/** The request was refused while its body was read, and the answer is already on its way. */
class AlreadyAnswered extends Error {}

/** The request's body, refused with 413 (by its Content-Length, or once it streams past the limit) when over `limit`. */
function readBody(req: http.IncomingMessage, res: http.ServerResponse, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    if (Number(req.headers['content-length'] ?? 0) > limit) {
      refuseTooLarge(req, res, limit);
      return reject(new AlreadyAnswered());
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      chunks.length = 0;
      // Answered here, not after the promise settles: the request's 'end' may come before that.
      refuseTooLarge(req, res, limit);
      reject(new AlreadyAnswered());
    };
    req.on('data', onData);
    req.on('error', reject);
    req.on('end', () => {
      if (size <= limit) resolve(Buffer.concat(chunks, size));
    });
  });
}

/**
 * Answers 413 at once, with a complete (Content-Length) JSON error, then keeps reading and discarding
 * the rest of the request up to a bound before the connection closes, so the client reads the answer
 * instead of a connection reset. A client that sends more than that bound is cut off.
 */
function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, limit: number) {
  const error = new ApiError('bad-input', `request body over ${limit} bytes, more than this API method accepts`);
  const text = JSON.stringify(error.toBody());
  res.writeHead(413, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    Connection: 'close',
  });
  res.write(text);
  if (req.complete) return void res.end();
  let drained = 0;
  const onData = (chunk: Buffer) => {
    drained += chunk.length;
    if (drained <= MAX_DRAIN_AFTER_REFUSAL) return;
    req.off('data', onData);
    req.pause();
    res.end(() => req.socket.destroy());
  };
  req.on('data', onData);
  req.once('end', () => res.end());
  req.resume();
}

/** Writes to an event stream, or drops the stream when its reader has stopped reading. */
function writeOrDrop(stream: http.ServerResponse, text: string, streams: Set<http.ServerResponse>) {
  stream.write(text);
  if (stream.writableLength <= MAX_STREAM_BACKLOG) return;
  // Its EventSource reconnects by itself and the UI refetches what it missed.
  streams.delete(stream);
  stream.destroy();
}

/** `unwatch`: an open stream is a UI watching the inbox live (Filing.watch), until it closes. */
function openEventStream(res: http.ServerResponse, streams: Set<http.ServerResponse>, unwatch: () => void) {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.write(`event: hello\ndata: ${JSON.stringify({ events: EVENT_NAMES })}\n\n`);
  streams.add(res);
  res.on('close', () => {
    streams.delete(res);
    unwatch();
  });
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  if (res.headersSent) return void res.end();
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(text);
}

function sendError(res: http.ServerResponse, err: ApiError) {
  sendJson(res, HTTP_STATUS_OF[err.code], err.toBody());
}
