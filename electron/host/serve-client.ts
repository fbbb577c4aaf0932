// A CoreLink to a `hookscope serve` that already runs on this data (a `hookscope service`, or serve in
// a terminal): calls go to its control API (POST /api/call/<method>, bearer token), events come from
// its event stream (GET /api/events, server-sent events), as the headless UI's browser transport does
// (renderer/api/http-transport.ts). The desktop app attaches this way instead of starting a second
// receiver on the same database.
// When the stream drops (the service restarted or stopped), the window hears `host.status`
// 'restarting', and the stream is reopened with a backoff; once it is back, 'running' (the renderer
// refetches what it missed). Calls meanwhile fail with `unavailable`. The server is loopback only.
// A service that went away for good (no live serve recorded any more: it exited cleanly and removed
// its file, or its process is dead) is reported to whenGone()'s listener once it has stayed away for
// the grace period, and the client stops reconnecting: the app then hosts its own core.
import http from 'node:http';
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

type EventListener = (name: EventName, payload: unknown) => void;

export class ServeClient implements CoreLink {
  private readonly listeners = new Set<EventListener>();
  private request: http.ClientRequest | null = null;
  private retryMs = RETRY_MIN_MS;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;
  private down = false;
  /** When relocate() first found no live serve in this outage (null while one is recorded). */
  private absentSince: number | null = null;
  private gone: { listener: () => void; afterMs: number } | null = null;

  private constructor(
    private address: ServeAddress,
    private readonly relocate: () => ServeAddress | null,
  ) {}

  /**
   * Resolves once the event stream is open, so no event after this is missed. `relocate` finds the
   * service again before each reconnection (a restarted service has a new port and token).
   */
  static async connect(address: ServeAddress, relocate: () => ServeAddress | null = () => null, timeoutMs = CONNECT_TIMEOUT_MS): Promise<ServeClient> {
    const client = new ServeClient(address, relocate);
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

  /** `signal` bounds a call whose caller cannot wait for ever (the app's start); calls relayed from a window have none. */
  async dispatch(method: string, input: unknown, signal?: AbortSignal): Promise<unknown> {
    let res: Response;
    let body: unknown;
    try {
      res = await fetch(`${this.address.apiUrl}/api/call/${encodeURIComponent(method)}`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${this.address.token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify(input ?? {}),
        signal,
      });
      body = await res.json().catch((err: unknown) => {
        if (signal?.aborted) throw err;
        return null;
      });
    } catch {
      const why = signal?.aborted ? 'did not answer in time' : 'is not answering';
      throw new ApiError('unavailable', `the Hookscope service at ${this.address.apiUrl} ${why}`);
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
    this.request?.destroy();
  }

  private openStream(onOpen: () => void, onFail: (err: Error) => void): void {
    const req = http.get(`${this.address.apiUrl}/api/events`, { headers: { Authorization: `Bearer ${this.address.token}`, Accept: 'text/event-stream' } });
    this.request = req;
    let settled = false;
    const fail = (why: string) => {
      if (settled || this.closed) return;
      settled = true;
      req.destroy();
      onFail(new Error(why));
    };
    req.on('error', (err) => fail(err.message));
    req.on('response', (res) => {
      if (res.statusCode !== 200) {
        res.resume();
        return fail(`the event stream answered HTTP ${res.statusCode}`);
      }
      settled = true;
      this.retryMs = RETRY_MIN_MS;
      onOpen();
      let buffer = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          this.receiveFrame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      });
      res.on('close', () => this.streamLost());
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

  private streamLost(): void {
    if (this.closed) return;
    if (!this.down) {
      this.down = true;
      this.status({ state: 'restarting', message: `The Hookscope service at ${this.address.apiUrl} stopped answering: reconnecting (is \`hookscope service status\` running?).` });
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      if (this.goneForGood()) return;
      this.openStream(
        () => {
          this.down = false;
          this.absentSince = null;
          this.status({ state: 'running', message: null });
        },
        () => this.streamLost(),
      );
    }, this.retryMs);
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
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
