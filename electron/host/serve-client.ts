// A CoreLink to a `hookscope serve` that already runs on this data (a `hookscope service`, or serve in
// a terminal): calls go to its control API (POST /api/call/<method>, bearer token), events come from
// its event stream (GET /api/events, server-sent events), as the headless UI's browser transport does
// (renderer/api/http-transport.ts). The desktop app attaches this way instead of starting a second
// receiver on the same database.
// When the stream drops (the service restarted or stopped), the window hears `host.status`
// 'restarting', and the stream is reopened with a backoff; once it is back, 'running' (the renderer
// refetches what it missed). Calls meanwhile fail with `unavailable`. The server is loopback only.
// A serve can also be alive but stuck (SIGSTOPped, its event loop blocked): its stream stays open and
// calls to it never settle. The serve writes a keep-alive comment on the stream every 15 s, so a stream
// silent for three of those periods counts as lost, like a closed one: calls in flight then fail with
// `unavailable` saying why (each carries a signal tied to the stream's loss), and so do calls made
// while the stream is down, instead of hanging on a serve that may never answer.
// A service that went away for good (no live serve recorded any more: it exited cleanly and removed
// its file, or its process is dead) is reported to whenGone()'s listener once it has stayed away for
// the grace period, and the client stops reconnecting: the app then hosts its own core.
import http from 'node:http';
import { EVENT_STREAM_KEEP_ALIVE_MS } from '../../shared/api/bridge.js';
import { EVENT_NAMES, type EventName } from '../../shared/api/contract.js';
import { ApiError, apiErrorBodySchema } from '../../shared/api/errors.js';
import type { HostStatus } from '../../shared/api/host.js';
import type { CoreLink } from './link.js';

export interface ServeAddress {
  apiUrl: string;
  token: string;
}

const RETRY_MIN_MS = 250;
const RETRY_MAX_MS = 5_000;
const CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long no live serve may be recorded before the service counts as gone for good. A restart (the
 * old serve removes its file, the new one opens the database, files its capture log and publishes a new
 * file) takes a second or two; after a crash, the systemd unit `hookscope service` installs waits 5 s
 * (RestartSec) first. 15 s lets either come back, rather than the app taking the database and the
 * receiver port from the service it was using.
 */
const SERVE_GONE_AFTER_MS = 15_000;
/**
 * Silence on the event stream (not a byte, not even a keep-alive) after which the serve counts as stuck.
 * Three keep-alive periods: one late keep-alive (a serve busy for a few seconds, a loaded laptop) is far
 * from it, and a window waits at most 45 s before it says so instead of for ever.
 */
const STREAM_SILENT_AFTER_MS = 3 * EVENT_STREAM_KEEP_ALIVE_MS;

export interface ServeClientOptions {
  /** How long connect() waits for the event stream to open. */
  connectTimeoutMs?: number;
  /** Silence on the stream after which it counts as lost (default three keep-alive periods). */
  silentAfterMs?: number;
}

type EventListener = (name: EventName, payload: unknown) => void;

export class ServeClient implements CoreLink {
  private readonly listeners = new Set<EventListener>();
  private request: http.ClientRequest | null = null;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  /** Why the stream is down, as the end of "the Hookscope service at <url> …"; null while it is open. */
  private down: string | null = null;
  /** One per call in flight, aborted (with why) when the stream is lost: a per-call controller, not one shared signal that would gather a listener per call. */
  private readonly inFlight = new Set<AbortController>();
  private watchdog: ReturnType<typeof setTimeout> | undefined;
  /** When relocate() first found no live serve in this outage (null while one is recorded). */
  private absentSince: number | null = null;
  private gone: { listener: () => void; afterMs: number } | null = null;

  private constructor(
    private address: ServeAddress,
    private readonly relocate: () => ServeAddress | null,
    private readonly silentAfterMs: number,
  ) {}

  /**
   * Resolves once the event stream is open, so no event after this is missed. `relocate` finds the
   * service again before each reconnection (a restarted service has a new port and token).
   */
  static async connect(address: ServeAddress, relocate: () => ServeAddress | null = () => null, opts: ServeClientOptions = {}): Promise<ServeClient> {
    const timeoutMs = opts.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
    const client = new ServeClient(address, relocate, opts.silentAfterMs ?? STREAM_SILENT_AFTER_MS);
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        // Given up for good (the app starts its own host): a stream that opened later would leave a client
        // nobody holds, reconnecting to the serve for as long as the app runs.
        void client.close();
        reject(new Error(`${address.apiUrl} did not open its event stream in time`));
      }, timeoutMs);
      client.openStream(
        () => {
          clearTimeout(timer);
          resolve();
        },
        (err) => {
          clearTimeout(timer);
          reject(err);
        },
      );
    });
    return client;
  }

  /**
   * `signal` bounds a call whose caller cannot wait for ever (the app's start). Every call is also ended
   * when the event stream is lost (the serve stopped, or went silent: stuck), and fails at once while it is.
   */
  async dispatch(method: string, input: unknown, signal?: AbortSignal): Promise<unknown> {
    const where = `the Hookscope service at ${this.address.apiUrl}`;
    if (this.down) throw new ApiError('unavailable', `${where} ${this.down}`);
    const call = new AbortController();
    this.inFlight.add(call);
    const ended = signal ? AbortSignal.any([signal, call.signal]) : call.signal;
    let res: Response;
    let body: unknown;
    try {
      res = await fetch(`${this.address.apiUrl}/api/call/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.address.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        signal: ended,
      });
      body = await res.json().catch((err: unknown) => {
        if (ended.aborted) throw err;
        return null;
      });
    } catch {
      if (call.signal.aborted) throw new ApiError('unavailable', `${where} ${String(call.signal.reason)} before this call was answered`);
      throw new ApiError('unavailable', `${where} ${signal?.aborted ? 'did not answer in time' : 'is not answering'}`);
    } finally {
      this.inFlight.delete(call);
    }
    if (res.ok && body && typeof body === 'object' && 'result' in body) return body.result;
    const error = apiErrorBodySchema.safeParse(body);
    if (error.success) throw ApiError.fromBody(error.data);
    throw new ApiError('internal', `the Hookscope service answered HTTP ${res.status} without an API answer`);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /**
   * Called once, and the client closed, when no live serve has been recorded for `afterMs` while the
   * stream is down. Without it the client keeps reconnecting for as long as it is open.
   */
  whenGone(listener: () => void, afterMs = SERVE_GONE_AFTER_MS): void {
    this.gone = { listener, afterMs };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.watchdog);
    this.request?.destroy();
    // Calls still waiting on this serve (a stuck one, say) fail rather than hang, and later ones at once.
    this.down = 'is no longer connected (the app let go of it)';
    this.abortInFlight(this.down);
  }

  private openStream(onOpen: () => void, onFail: (err: Error) => void): void {
    const req = http.get(`${this.address.apiUrl}/api/events`, { headers: { Authorization: `Bearer ${this.address.token}`, Accept: 'text/event-stream' } });
    this.request = req;
    let settled = false;
    let silent = false;
    const silence = `stopped answering (nothing on its event stream for ${Math.round(this.silentAfterMs / 1000)} s: stuck or suspended)`;
    // From the request on: a stuck serve may accept the connection (the kernel does) and never answer it.
    clearTimeout(this.watchdog);
    this.watchdog = setTimeout(() => {
      silent = true;
      req.destroy();
    }, this.silentAfterMs);
    const watchdog = this.watchdog;
    const fail = (why: string) => {
      clearTimeout(watchdog);
      if (settled || this.closed) return;
      settled = true;
      req.destroy();
      onFail(new Error(silent ? silence : why));
    };
    req.on('error', (err) => fail(err.message));
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return fail(`the event stream answered HTTP ${res.statusCode}`);
      }
      settled = true;
      this.retryMs = RETRY_MIN_MS;
      watchdog.refresh();
      onOpen();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        watchdog.refresh(); // any byte, keep-alives included, says the serve's event loop runs
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          this.receiveFrame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      });
      res.on('error', () => {}); // a stream cut short: 'close' follows and says it is lost
      res.on('close', () => {
        clearTimeout(watchdog);
        this.streamLost(silent ? silence : 'stopped answering');
      });
    });
  }

  /** One server-sent event: `event: <name>` and `data: <json>` lines; comments (keep-alives) skipped. */
  private receiveFrame(frame: string): void {
    let name = '';
    const data: string[] = [];
    for (const line of frame.split('\n')) {
      if (line.startsWith('event:')) name = line.slice(6).trim();
      else if (line.startsWith('data:')) data.push(line.slice(5).trimStart());
    }
    if (!(EVENT_NAMES as string[]).includes(name)) return; // 'hello', keep-alives
    let payload: unknown;
    try {
      payload = JSON.parse(data.join('\n'));
    } catch {
      return;
    }
    this.emit(name as EventName, payload);
  }

  /** `why` ends "the Hookscope service at <url> …": what the window and failed calls are told. */
  private streamLost(why: string): void {
    if (this.closed) return;
    if (!this.down) {
      this.down = why;
      this.abortInFlight(why);
      this.status({ state: 'restarting', message: `The Hookscope service at ${this.address.apiUrl} ${why}: reconnecting (is \`hookscope service status\` running?).` });
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.goneForGood()) return;
      this.openStream(
        () => {
          this.down = null;
          this.absentSince = null;
          this.status({ state: 'running', message: null });
        },
        () => this.streamLost(why),
      );
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  private abortInFlight(why: string): void {
    for (const call of this.inFlight) call.abort(why);
    this.inFlight.clear();
  }

  /** Finds the serve again (a restarted one has a new port and token); true when it is gone for good. */
  private goneForGood(): boolean {
    const found = this.relocate();
    if (found) {
      this.address = found;
      this.absentSince = null;
      return false;
    }
    this.absentSince ??= performance.now();
    if (!this.gone || performance.now() - this.absentSince < this.gone.afterMs) return false;
    void this.close();
    this.gone.listener();
    return true;
  }

  private status(status: HostStatus): void {
    this.emit('host.status', status);
  }

  private emit(name: EventName, payload: unknown): void {
    for (const listener of this.listeners) listener(name, payload);
  }
}
