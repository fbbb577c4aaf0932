// Composition of the core: store, events, handlers and (when serving) the receiver. The CLI, the
// headless server and Electron's main process all build the core through here, and nothing here
// knows which of them it runs in.
import { methods, type ApiHandlers, type MethodName } from '../../shared/api/contract.js';
import type { ReadsDeliveries } from '../../shared/api/define.js';
import { Filing } from './capture/filing.js';
import { VERSION } from '../../shared/version.js';
import type { CoreContext, CoreLifetime } from './context.js';
import { loadCustomProviders } from './custom-providers.js';
import { CoreEvents } from './events.js';
import { DEFAULT_MAX_BODY } from './receiver/limits.js';
import type { Receiver } from './receiver/receiver.js';
import type { ForwarderOptions } from './replay/forwarder.js';
import type { RelayOptions } from './relay/relays.js';
import { createDispatcher, createHandlers, type Dispatch } from './service.js';
import type { SecretBox } from './secrets/secret-box.js';
import type { TunnelChoice } from '../../shared/settings.js';
import { openStore } from './store/index.js';
import { startRetention } from './retention.js';

export interface CoreOptions {
  dbFile: string;
  maxBodyBytes?: number;
  nativeBinding?: string;
  /** Seals endpoint secrets at rest; the desktop app passes its safeStorage box (default: the headless box). */
  secretBox?: SecretBox;
  /** Every SQL statement the core's connection runs (store/db.ts): tests check what a call touches. */
  trace?: (sql: string) => void;
}

export interface Core extends CoreLifetime {
  readonly handlers: ApiHandlers;
  readonly dispatch: Dispatch;
  close(): Promise<void>;
}

export function openCore(opts: CoreOptions): Core {
  const store = openStore(opts.dbFile, { nativeBinding: opts.nativeBinding, secretBox: opts.secretBox, trace: opts.trace });
  const providers = loadCustomProviders();
  const ctx: CoreContext = {
    providerErrors: providers.errors,
    store,
    filing: new Filing(store),
    events: new CoreEvents(),
    settings: { version: VERSION, receiverUrl: null, maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY },
  };
  ctx.filing.onAnnounced((filed) => {
    for (const summary of filed) ctx.events.emit('delivery.received', summary);
  });
  const handlers = afterCatchingUp(createHandlers(ctx), ctx.filing);
  const closers: Array<() => Promise<void> | void> = [];
  let closed = false;
  return {
    ctx,
    handlers,
    dispatch: createDispatcher(handlers, opts.dbFile),
    onClose: (fn) => void closers.push(fn),
    close: async () => {
      if (closed) return;
      closed = true;
      for (const fn of closers.reverse()) await fn();
      store.close();
    },
  };
}

/**
 * Calls that read deliveries first file the captures logged before them, so none misses a delivery
 * that was acknowledged (in a burst, after a crash, or by a receiver in another process). So do
 * changes to an endpoint: what arrived before the change is verified as the endpoint was. Which calls
 * those are is declared with each method in the contract (`readsDeliveries`, shared/api/define.ts),
 * with the newest id it reads for a call that names its deliveries.
 */
function afterCatchingUp(handlers: ApiHandlers, filing: Filing): ApiHandlers {
  const wrapped = Object.entries(handlers).map(([name, handler]) => {
    const call = handler as (input: unknown) => Promise<unknown>;
    const reads = methods[name as MethodName].readsDeliveries as ReadsDeliveries<unknown>;
    if (!reads) return [name, call];
    return [
      name,
      async (input: unknown) => {
        await filing.fileBeforeRead(reads === true ? undefined : reads.through(input));
        return call(input);
      },
    ];
  });
  return Object.fromEntries(wrapped) as ApiHandlers;
}

export interface ReceiverListen {
  host?: string;
  port?: number;
}

export interface ServingOptions {
  /** Auto-forward's limits (defaults in replay/forwarder.ts). */
  forward?: ForwarderOptions;
  /** Relay reconnection timing (tests shorten it). */
  relays?: RelayOptions;
  /** `serve --tunnel`: this engine (or none) for the run; absent: the tunnel.engine setting decides, live. */
  tunnel?: TunnelChoice;
}

/** Starts the receiver for this core; captures are announced as `delivery.received` events once filed. */
export async function startCoreReceiver(core: Core, listen: ReceiverListen, opts: ServingOptions = {}): Promise<Receiver> {
  // Loaded here, not at the top: commands that only read (stats, deliveries…) start without them.
  const [{ startReceiver }, { startForwarder }, { startStoreMaintenance, TrafficMeter }] = await Promise.all([
    import('./receiver/receiver.js'),
    import('./replay/forwarder.js'),
    import('./store/maintenance/index.js'),
  ]);
  const { ctx } = core;
  ctx.store.assertWritable(); // a receiver that can store nothing refuses to start rather than answer 503 to all
  ctx.store.endpoints.match('/'); // endpoints (and the key opening their secrets) loaded now, not in the first request
  // One count of the receiver's traffic, read by the work done in its quiet moments (filing, indexing).
  const traffic = new TrafficMeter();
  const receiver = await startReceiver({
    store: ctx.store,
    host: listen.host,
    port: listen.port,
    maxBodyBytes: ctx.settings.maxBodyBytes,
    filing: ctx.filing,
    traffic,
    filingLoop: {
      onWaiting: (count, oldestMs) => ctx.events.emit('captures.waiting', { count, oldestReceivedAt: oldestMs === null ? null : new Date(oldestMs).toISOString() }),
    },
  });
  ctx.settings.receiverUrl = receiver.url;
  // Search indexing and WAL checkpoints: the store's upkeep while serving, not the receiver's business.
  // Closing what serving started closes both, maintenance last (it checkpoints what the receiver wrote).
  const maintenance = startStoreMaintenance(ctx.store, traffic);
  const serving: Receiver = {
    ...receiver,
    close: async () => {
      await receiver.close();
      await maintenance.stop();
    },
  };
  // Issue #15: the status bar hears when captures cannot be stored because the database cannot be written, and when they can again.
  core.onClose(ctx.store.writeHealth.onChange((state) => ctx.events.emit('storage.changed', state)));
  core.onClose(startForwarder(ctx, opts.forward).stop); // registered before the receiver's closer, so it runs after it
  core.onClose(() => serving.close());
  return serving;
}

/**
 * Everything a long-running shell (`hookscope serve`, the desktop app) starts: the receiver, then the
 * send scheduler, which resumes scheduled retries. One function, so the two shells cannot drift.
 */
export async function startServing(core: Core, listen: ReceiverListen, opts: ServingOptions = {}): Promise<Receiver> {
  const receiver = await startCoreReceiver(core, listen, opts);
  const { startSendScheduler } = await import('./scheduler/scheduler.js');
  startSendScheduler(core); // stopped by core.close()
  // Issue #15: the stored retention settings, applied in the background in short slices.
  const retention = startRetention(core.ctx);
  const unsubscribe = core.ctx.events.on('settings.changed', () => retention.poke());
  core.onClose(() => {
    unsubscribe();
    retention.stop();
  });
  // Issue #21: smee channels feed their endpoints (loaded only when serving).
  const { startRelays } = await import('./relay/relays.js');
  const relays = startRelays(core.ctx, receiver.url, opts.relays);
  core.onClose(() => relays.stop());
  // Issue #21: a public URL through ngrok or cloudflared, as the flag or the settings ask (serve awaits ctx.tunnel.settled()).
  const { keepTunnel } = await import('./tunnel/keeper.js');
  const tunnel = keepTunnel(core.ctx, receiver.url, { pinned: opts.tunnel });
  core.ctx.tunnel = tunnel;
  core.onClose(() => tunnel.stop());
  return receiver;
}
