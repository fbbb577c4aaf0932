// While the receiver runs, every endpoint with a relay (`smee:<channel URL>`) also receives what that
// channel carries. Each relayed request is POSTed to this receiver, on the endpoint's path with smee's
// query, so it takes the one capture path (committed, verified, filed, announced, auto-forwarded)
// and is stored as a capture of that endpoint. It carries X-Hookscope-Relay naming the relay and
// channel: the delivery shows where it came from, and the doctor knows the relay rebuilt its body.
// Endpoints are re-read when they change here and every few seconds (the CLI may change one while
// `serve` runs); the relays' states are announced for the status bar.
import type { RelayStatus } from '../../../shared/api/relays.js';
import type { HeaderField } from '../../../shared/domain.js';
import { parseRelay, RELAY_HEADER } from '../../../shared/relay/smee.js';
import type { RelayedRequest } from './smee-event.js';
import type { CoreContext } from '../context.js';
import { sendOutbound } from '../http/outbound.js';
import { openSmeeChannel, type ChannelOptions, type SmeeChannel } from './smee-channel.js';

const RESYNC_MS = 5_000;
const STORE_TIMEOUT_MS = 30_000;
/** Attempts to store one relayed request when the receiver answers 503 (store busy) or is briefly unreachable. */
const STORE_ATTEMPTS = 3;

export interface Relays {
  stop(): Promise<void>;
}

export interface RelayOptions {
  backoff?: ChannelOptions['backoff'];
  resyncMs?: number;
}

interface Running {
  relay: string;
  path: string;
  channel: SmeeChannel;
  status: RelayStatus;
}

const statusByContext = new WeakMap<CoreContext, () => RelayStatus[]>();

/** The relays' states in this process (empty when no receiver runs here). */
export function relayStatuses(ctx: CoreContext): RelayStatus[] {
  return statusByContext.get(ctx)?.() ?? [];
}

export function startRelays(ctx: CoreContext, receiverUrl: string, opts: RelayOptions = {}): Relays {
  const running = new Map<number, Running>();
  let stopped = false;
  const list = () => [...running.values()].map((r) => ({ ...r.status }));
  const announce = () => ctx.events.emit('relays.changed', { items: list() });
  statusByContext.set(ctx, list);

  const store = async (endpointPath: string, relay: string, req: RelayedRequest, entry: Running) => {
    const headers: HeaderField[] = [...req.headers, { name: RELAY_HEADER, value: relay.replace(/^smee:/, 'smee ') }];
    const url = `${loopbackBase(receiverUrl)}${endpointPath}${req.query}`;
    for (let attempt = 1; attempt <= STORE_ATTEMPTS; attempt++) {
      const result = await sendOutbound({ url, method: 'POST', headers, body: req.body, timeoutMs: STORE_TIMEOUT_MS });
      if (result.status !== null && result.status !== 503) {
        entry.status.received++;
        announce();
        return;
      }
      if (stopped) return;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
    console.error(`hookscope: a request relayed from ${relay} could not be stored (the receiver did not take it)`);
  };

  const start = (endpointId: number, path: string, relay: string) => {
    const parsed = parseRelay(relay);
    const status: RelayStatus = { endpointId, endpointPath: path, relay, state: 'connecting', error: null, retryAt: null, received: 0 };
    if (!parsed.ok) {
      running.set(endpointId, { relay, path, channel: { stop: async () => {} }, status: { ...status, state: 'down', error: parsed.reason } });
      return;
    }
    const entry: Running = { relay, path, status, channel: { stop: async () => {} } };
    running.set(endpointId, entry);
    entry.channel = openSmeeChannel({
      url: parsed.relay.url,
      backoff: opts.backoff,
      onRequest: (req) => store(path, relay, req, entry),
      onState: (s) => {
        entry.status = { ...entry.status, state: s.state, error: s.error, retryAt: s.retryAt === null ? null : new Date(s.retryAt).toISOString() };
        announce();
      },
    });
  };

  const sync = () => {
    if (stopped) return;
    const wanted = new Map(ctx.store.endpoints.list().filter((e) => e.relay).map((e) => [e.id, e]));
    let changed = false;
    for (const [id, r] of running) {
      const e = wanted.get(id);
      if (e && e.relay === r.relay && e.path === r.path) continue;
      void r.channel.stop();
      running.delete(id);
      changed = true;
    }
    for (const [id, e] of wanted) {
      if (running.has(id)) continue;
      start(id, e.path, e.relay!);
      changed = true;
    }
    if (changed) announce();
  };

  const unsubscribe = ctx.events.on('endpoints.changed', sync);
  const timer = setInterval(sync, opts.resyncMs ?? RESYNC_MS);
  timer.unref();
  sync();

  return {
    stop: async () => {
      stopped = true;
      unsubscribe();
      clearInterval(timer);
      statusByContext.delete(ctx);
      await Promise.all([...running.values()].map((r) => r.channel.stop()));
      running.clear();
    },
  };
}

/** The receiver as reached from this process: a wildcard bind is reached on loopback. */
function loopbackBase(receiverUrl: string): string {
  const url = new URL(receiverUrl);
  if (url.hostname === '0.0.0.0') url.hostname = '127.0.0.1';
  if (url.hostname === '[::]') url.hostname = '[::1]';
  return url.origin;
}
