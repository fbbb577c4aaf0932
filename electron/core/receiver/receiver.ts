// The receiver: a plain node:http server that captures every request on any path and method, exactly
// as it arrived (raw header order and case, body bytes), commits it to SQLite (the capture log; the
// way on from there to a verified delivery in the inbox is drawn in capture/index.ts), and only then
// answers with the endpoint's configured response. If the capture cannot be stored it answers 503, so the
// provider retries instead of believing a delivery we do not have. Malformed requests get a 400 from
// Node's parser and never reach (or crash) this code; a body that turns malformed after the headers
// were accepted (a bad chunk size, say) gets the same 400 and is kept as what arrived, marked malformed.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { Endpoint, Incomplete, ResponseSpec } from '../../../shared/domain.js';
import { configuredAnswerHeaders, tooLargeBody } from './answer.js';
import type { RawCapture } from '../store/capture-log.js';
import { DEFAULT_RESPONSE, responseIdOf } from '../store/endpoints.js';
import { asStoreError } from '../store/errors.js';
import type { Store } from '../store/index.js';
import { BodyBudget, DEFAULT_MAX_BUFFERED_BYTES } from './body-budget.js';
import { CaptureWriter, Filing, startFilingLoop, type FilingLoop, type FilingLoopOptions } from '../capture/index.js';
import { TrafficMeter } from '../store/maintenance/traffic-meter.js';
import { DEFAULT_MAX_BODY } from './limits.js';

export { DEFAULT_MAX_BODY };
/** How much of an oversized body is read and dropped, at most, before answering 413. */
const DRAIN_MAX_BYTES = 8 * 1024 * 1024;
const DRAIN_MAX_MS = 2_000;

export interface ReceiverOptions {
  store: Store;
  host?: string;
  port?: number;
  maxBodyBytes?: number;
  /** Request-body bytes held in memory across all requests, at most (default: the larger of 256 MiB and twice maxBodyBytes). */
  maxBufferedBytes?: number;
  /** Files committed captures into deliveries and announces them (the core's; a receiver alone makes its own). */
  filing?: Filing;
  /** When filing waits for a quiet moment (tests tune it), and who hears of captures waiting. */
  filingLoop?: Omit<FilingLoopOptions, 'onError' | 'traffic'>;
  /** Counts the captures committed, for the work done in quiet moments (the core shares it with store maintenance). */
  traffic?: TrafficMeter;
}

export interface Receiver {
  readonly url: string;
  readonly port: number;
  readonly server: http.Server;
  close(): Promise<void>;
}

export async function startReceiver(opts: ReceiverOptions): Promise<Receiver> {
  const host = opts.host ?? '127.0.0.1';
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;
  const budget = new BodyBudget(opts.maxBufferedBytes ?? Math.max(DEFAULT_MAX_BUFFERED_BYTES, 2 * maxBody));
  const filing = opts.filing ?? new Filing(opts.store);
  // Started once the server listens (a port already taken must leave nothing running).
  let filingLoop: FilingLoop | null = null;
  // The one signal the receiver gives the capture path: these captures are committed.
  const writer = new CaptureWriter(opts.store.captures, (ids, bytes) => {
    opts.store.writeHealth.succeeded(); // a commit that worked: the database takes writes (again)
    filingLoop?.committed(ids, bytes);
  });

  const server = http.createServer(
    {
      maxHeaderSize: 64 * 1024,
      headersTimeout: 20_000, // a client dribbling headers is cut off, others are unaffected
      requestTimeout: 300_000, // room for a 25 MiB body on a slow link
      keepAliveTimeout: 5_000,
      requireHostHeader: false, // capture what arrives, even from clients that omit Host
    },
    (req, res) => new IncomingCapture(req, res, opts.store, writer, maxBody, budget),
  );
  // Node keeps 2,000 header fields by default and drops the rest silently: a signature header after
  // 1,000 others would be lost and a signed delivery stored as unsigned. The 64 KiB size limit above
  // is the only limit (past it: 431).
  server.maxHeadersCount = 0;
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    // A parse error (a bad chunk size…) makes a request in flight on it malformed. The client leaving
    // mid-body (ECONNRESET, or HPE_INVALID_EOF_STATE: the connection ended before the body did) stays
    // an aborted capture.
    if (err.code?.startsWith('HPE_') && err.code !== 'HPE_INVALID_EOF_STATE') malformedSockets.add(socket);
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  // Captures a stopped or killed run left waiting were never announced: this run announces them
  // (inbox live rows, auto-forward) as it files them.
  filing.committedBeforeStart();
  filingLoop = startFilingLoop(opts.store, filing, {
    ...opts.filingLoop,
    traffic: opts.traffic ?? new TrafficMeter(),
    onError: (err) => console.error(`hookscope: filing captures paused (they are stored and will be filed): ${asStoreError(err).message}`),
  });
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    server,
    close: async () => {
      await new Promise<void>((resolve) => {
        writer.flush();
        filingLoop?.stop();
        server.close(() => resolve());
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2_000).unref();
      });
    },
  };
}

/** A reset mid-body surfaces as 'close'; a failed write has nobody left to answer. */
const ignore = () => {};

/** Connections on which Node's parser failed (it answered 400): set by the server's clientError handler. */
const malformedSockets = new WeakSet<object>();

/**
 * One request being captured. A class rather than closures: the receiver builds one per request, and
 * what only the rare paths need (draining, refusing) costs nothing until they are taken.
 */
class IncomingCapture {
  private readonly started = performance.now();
  private readonly receivedAtMs = Date.now();
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private done = false;
  private discarded = 0;
  /** Set while the rest of an unwanted body is read and dropped; the answer waits for it. */
  private drained: Promise<void> | null = null;
  private stopDraining: () => void = ignore;

  constructor(
    private readonly req: http.IncomingMessage,
    private readonly res: http.ServerResponse,
    private readonly store: Store,
    private readonly writer: CaptureWriter,
    private readonly maxBody: number,
    private readonly budget: BodyBudget,
  ) {
    req.on('error', ignore);
    res.on('error', ignore);
    req.on('data', (chunk: Buffer) => this.onData(chunk));
    req.on('end', () => this.finish(null));
    req.on('close', () => {
      if (!req.complete) this.finish(malformedSockets.has(req.socket) ? 'malformed' : 'aborted');
    });
  }

  private onData(chunk: Buffer) {
    if (this.done) {
      this.discarded += chunk.length;
      if (this.discarded > DRAIN_MAX_BYTES) this.stopDraining();
      return;
    }
    const kept = Math.min(chunk.length, this.maxBody - this.size);
    if (!this.budget.take(kept)) {
      this.drainRest();
      return this.overloaded();
    }
    if (kept < chunk.length) {
      this.chunks.push(chunk.subarray(0, kept));
      this.size = this.maxBody;
      this.drainRest(); // then the 413
      this.finish('too-large');
      return;
    }
    this.chunks.push(chunk);
    this.size += chunk.length;
  }

  private finish(incomplete: Incomplete) {
    if (this.done) return;
    this.done = true;
    const { req, res } = this;
    let endpoint: Endpoint | undefined;
    let capture: RawCapture;
    try {
      endpoint = this.store.endpoints.match(matchPathOf(req.url));
      capture = rawCapture(req, endpoint, Buffer.concat(this.chunks, this.size), incomplete, this.receivedAtMs, performance.now() - this.started);
    } catch (err) {
      this.budget.give(this.size);
      return this.refuse(err); // the database went away mid-run, say: an answer, not a crash
    }
    this.chunks.length = 0; // the body lives on in the capture alone
    // The answer needs only these: a configured delay must not keep the body in memory (the budget
    // above is given back at the commit).
    const answer: Answer = { incomplete, storedBytes: capture.body.length, spec: endpoint?.response ?? DEFAULT_RESPONSE };
    this.writer.write(capture, (err, id) => {
      this.budget.give(this.size);
      if (err) return this.refuse(err);
      if (this.drained) void this.drained.then(() => answerOrDrop(res, answer, id));
      else answerOrDrop(res, answer, id);
    });
  }

  // Not stored, so not acknowledged: a 503 makes the provider retry, and the message says why.
  private refuse(err: unknown) {
    const { res } = this;
    if (res.headersSent || res.destroyed) return;
    const reason = asStoreError(err).message;
    this.store.writeHealth.failed(err); // a database that cannot be written is said loudly once, and probed
    noteRefusal(reason);
    res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': String(STORE_RETRY_AFTER_SEC), Connection: 'close' });
    res.end(JSON.stringify({ error: `capture could not be stored: ${reason}` }));
  }

  // Past the body budget: nothing is kept, and the 503 says when to come back.
  private overloaded() {
    this.done = true;
    this.chunks.length = 0;
    this.budget.give(this.size);
    this.size = 0;
    noteOverload(this.budget);
    const { res, budget } = this;
    void (this.drained ?? Promise.resolve()).then(() => {
      if (res.headersSent || res.destroyed) return;
      res.writeHead(503, { 'Content-Type': 'application/json', 'Retry-After': String(OVERLOAD_RETRY_AFTER_SEC), Connection: 'close' });
      res.end(JSON.stringify({ error: `the receiver holds ${mib(budget.inUse)} MiB of request bodies in memory (limit ${mib(budget.limit)} MiB): retry in a few seconds` }));
    });
  }

  // The rest of the body is read and dropped, for a bounded while, before the answer goes out:
  // closing a connection with unread bytes resets it, and the client would never see the answer.
  private drainRest() {
    const { req } = this;
    this.drained = new Promise((resolve) => {
      const timer = setTimeout(() => this.stopDraining(), DRAIN_MAX_MS);
      this.stopDraining = () => {
        clearTimeout(timer);
        req.pause(); // an endless body: answer now; the client may see a reset instead of the answer
        resolve();
      };
      const ended = () => {
        clearTimeout(timer);
        resolve();
      };
      req.once('end', ended);
      req.once('close', ended);
    });
  }
}

const OVERLOAD_RETRY_AFTER_SEC = 5;
/** A store that failed (disk full, file gone read-only) takes a person to fix: providers back off longer. */
const STORE_RETRY_AFTER_SEC = 30;
let lastOverloadNote = 0;
let lastRefusalNote = 0;

/** Captures refused because they cannot be stored are said in the terminal, one line per 10 s at most. */
function noteRefusal(reason: string) {
  const now = Date.now();
  if (now - lastRefusalNote < 10_000) return;
  lastRefusalNote = now;
  console.error(`hookscope: refusing captures with 503 (they cannot be stored): ${reason}`);
}

/** One line per 10 s while refusing, so a flood of refusals does not flood the log. */
function noteOverload(budget: BodyBudget) {
  const now = Date.now();
  if (now - lastOverloadNote < 10_000) return;
  lastOverloadNote = now;
  console.error(`hookscope: refusing captures with 503: ${mib(budget.inUse)} MiB of request bodies in memory (limit ${mib(budget.limit)} MiB)`);
}

const mib = (bytes: number) => (bytes / (1024 * 1024)).toFixed(0);

function pathOf(url = '/'): string {
  const q = url.indexOf('?');
  return q < 0 ? url : url.slice(0, q);
}

/**
 * The path an endpoint is matched against: an absolute-form request line (`POST http://host/hooks/a`,
 * as sent through a proxy) counts by its path, and repeated slashes as one, so neither slips past an
 * endpoint's secret. The capture keeps the path exactly as it arrived.
 */
function matchPathOf(url = '/'): string {
  let path = pathOf(url);
  const absolute = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path);
  if (absolute) path = path.slice(absolute[0].length) || '/';
  return path.replace(/\/{2,}/g, '/');
}

function rawCapture(
  req: http.IncomingMessage,
  endpoint: Endpoint | undefined,
  body: Buffer,
  incomplete: Incomplete,
  receivedAtMs: number,
  durationMs: number,
): RawCapture {
  const url = req.url ?? '/';
  const path = pathOf(url);
  const truncated = incomplete === 'too-large';
  return {
    receivedAtMs,
    method: req.method ?? 'GET',
    path,
    query: url.slice(path.length + 1),
    httpVersion: req.httpVersion,
    rawHeaders: req.rawHeaders,
    body,
    truncated,
    incomplete,
    remoteAddress: req.socket.remoteAddress ?? null,
    remotePort: req.socket.remotePort ?? null,
    durationMs,
    endpointId: endpoint?.id ?? null,
    endpointPath: endpoint?.path ?? null,
    responseStatus: incomplete === 'aborted' ? null : incomplete === 'malformed' ? 400 : truncated ? 413 : (endpoint?.response.status ?? DEFAULT_RESPONSE.status),
    responseId: responseIdOf(endpoint),
  };
}

interface Answer {
  incomplete: Incomplete;
  storedBytes: number;
  spec: ResponseSpec;
}

const configured = new WeakMap<ResponseSpec, { headers: string[]; contentLength: string }>();

/**
 * An endpoint's answer headers (a flat name, value… list) and body length, worked out once per
 * endpoint version rather than per request (the endpoint cache hands out the same object until it
 * changes). Framing is Hookscope's: endpoints saved before such headers were refused may still name them.
 */
function configuredHeaders(spec: ResponseSpec): { headers: string[]; contentLength: string } {
  let fixed = configured.get(spec);
  if (!fixed) {
    const headers = configuredAnswerHeaders(spec).flatMap((h) => [h.name, h.value]);
    fixed = { headers, contentLength: String(Buffer.byteLength(spec.body)) };
    configured.set(spec, fixed);
  }
  return fixed;
}

/** An answer that fails to go out closes the connection rather than leave the provider waiting. */
function answerOrDrop(res: http.ServerResponse, answer: Answer, id: number) {
  try {
    respond(res, answer, id);
  } catch (err) {
    console.error('hookscope: answering a capture failed:', err);
    res.destroy();
  }
}

function respond(res: http.ServerResponse, { incomplete, storedBytes, spec }: Answer, id: number) {
  if (res.destroyed || incomplete === 'aborted' || incomplete === 'malformed') return; // nobody to answer, or the parser's 400 went out
  if (incomplete === 'too-large') {
    res.writeHead(413, { 'Content-Type': 'application/json', Connection: 'close', 'X-Hookscope-Delivery': String(id) });
    res.end(tooLargeBody(storedBytes, id));
    return;
  }
  const send = () => {
    if (res.destroyed) return;
    const fixed = configuredHeaders(spec);
    try {
      res.writeHead(spec.status, [...fixed.headers, 'X-Hookscope-Delivery', String(id), 'Content-Length', fixed.contentLength]);
      res.end(spec.body);
    } catch {
      // A header the user configured that Node refuses: answer plainly rather than hang the provider.
      if (!res.headersSent) res.writeHead(spec.status, { 'X-Hookscope-Delivery': String(id) });
      res.end(spec.body);
    }
  };
  if (spec.delayMs > 0) setTimeout(send, spec.delayMs);
  else send();
}
