// One smee.io channel feeding one endpoint, through the official smee-client (its EventSource
// connection and event parsing) with forwarding turned off: smee-client's own forward would POST
// JSON.stringify of the body and drop the event's query and timestamp, so each event is taken as
// smee sent it and handed to `onRequest`, which stores it as a capture. Any error closes the
// connection and a new one is tried after a backoff (1 s, doubling, at most a minute; reset once
// connected), so a channel that drops comes back without hammering smee.io.
import { relayedRequest, type RelayedRequest } from './smee-event.js';

export type ChannelState = { state: 'connecting' | 'connected'; error: string | null; retryAt: null } | { state: 'down'; error: string; retryAt: number };

export interface ChannelOptions {
  url: string;
  onRequest(request: RelayedRequest): Promise<void>;
  onState(state: ChannelState): void;
  backoff?: { initialMs: number; maxMs: number };
}

export interface SmeeChannel {
  stop(): Promise<void>;
}

interface SmeeClientLike {
  onmessage: ((msg: MessageEvent) => void) | null;
  onerror: ((ev: Event & { message?: string; code?: number }) => void) | null;
  onopen: ((ev: Event) => void) | null;
  start(): Promise<unknown>;
  stop(): Promise<void>;
}

const DEFAULT_BACKOFF = { initialMs: 1_000, maxMs: 60_000 };
/** smee-client logs every connection event to the console: the status bar and `serve` say what matters. */
const QUIET = { info: () => {}, error: () => {} };

export function openSmeeChannel(opts: ChannelOptions): SmeeChannel {
  const backoff = opts.backoff ?? DEFAULT_BACKOFF;
  let delay = backoff.initialMs;
  let client: SmeeClientLike | null = null;
  let timer: NodeJS.Timeout | null = null;
  let stopped = false;
  // Relayed requests are stored one after another, in the order smee sent them.
  let queue: Promise<void> = Promise.resolve();

  const fail = (message: string) => {
    if (stopped) return;
    const dropped = client;
    client = null;
    void dropped?.stop().catch(() => {});
    const retryAt = Date.now() + delay;
    opts.onState({ state: 'down', error: message, retryAt });
    timer = setTimeout(connect, delay);
    timer.unref();
    delay = Math.min(delay * 2, backoff.maxMs);
  };

  const connect = async () => {
    timer = null;
    if (stopped) return;
    opts.onState({ state: 'connecting', error: null, retryAt: null });
    // Loaded on first use: nothing else pays for smee-client and its HTTP stack.
    const { SmeeClient } = await import('smee-client');
    const current: SmeeClientLike = new SmeeClient({ source: opts.url, target: 'http://127.0.0.1/', forward: false, logger: QUIET });
    client = current;
    current.onmessage = (msg: MessageEvent) => {
      let data: unknown;
      try {
        data = JSON.parse(String(msg.data));
      } catch {
        return; // not an event smee.io sends: nothing to store
      }
      const request = relayedRequest(data);
      if (request) queue = queue.then(() => opts.onRequest(request)).catch(() => {});
    };
    current.onopen = () => {
      if (client !== current) return;
      delay = backoff.initialMs;
      opts.onState({ state: 'connected', error: null, retryAt: null });
    };
    current.onerror = (ev) => {
      if (client === current) fail(describeError(ev, opts.url));
    };
    try {
      await current.start();
    } catch (err) {
      if (client === current) fail(describeError(err, opts.url));
    }
  };

  void connect();
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await client?.stop().catch(() => {});
      client = null;
      await queue;
    },
  };
}

/** An EventSource error in words: the HTTP status smee answered with, or the connection failure. */
function describeError(err: unknown, url: string): string {
  const e = err as { message?: string; code?: number; cause?: { code?: string; message?: string } } | undefined;
  if (typeof e?.code === 'number') return `the channel ${url} answered HTTP ${e.code}${e.code === 404 ? ' (no such channel: create one at https://smee.io/new)' : ''}`;
  const cause = e?.cause?.code ?? e?.cause?.message;
  const message = e?.message && e.message !== 'undefined' ? e.message.replace(/^TypeError: /, '') : 'the connection closed';
  return `cannot reach ${url}: ${cause ? `${message} (${cause})` : message}`;
}
