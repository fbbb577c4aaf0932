// Composition of the core: store, events, handlers and (when serving) the receiver. The CLI, the
// headless server and Electron's main process all build the core through here, and nothing here
// knows which of them it runs in.
import type { ApiHandlers } from '../../shared/api/contract.js';
import { CapturePipeline } from './capture-pipeline.js';
import { VERSION } from '../../shared/version.js';
import type { CoreContext } from './context.js';
import { loadCustomProviders } from './custom-providers.js';
import { CoreEvents } from './events.js';
import { DEFAULT_MAX_BODY, startReceiver, type Receiver } from './receiver/receiver.js';
import { startRelays, type RelayOptions } from './relay/relays.js';
import { startForwarder, type ForwarderOptions } from './replay/forwarder.js';
import { startSendScheduler } from './scheduler/scheduler.js';
import { createDispatcher, createHandlers, type Dispatch } from './service.js';
import { openStore } from './store/index.js';

export interface CoreOptions {
  dbFile: string;
  maxBodyBytes?: number;
  nativeBinding?: string;
}

export interface Core {
  readonly ctx: CoreContext;
  readonly handlers: ApiHandlers;
  readonly dispatch: Dispatch;
  /** Runs `fn` when the core closes (before the store does): schedulers, forwarders. */
  onClose(fn: () => Promise<void> | void): void;
  close(): Promise<void>;
}

export function openCore(opts: CoreOptions): Core {
  const store = openStore(opts.dbFile, { nativeBinding: opts.nativeBinding });
  const providers = loadCustomProviders();
  const ctx: CoreContext = {
    providerErrors: providers.errors,
    store,
    captures: new CapturePipeline(store),
    events: new CoreEvents(),
    settings: { version: VERSION, receiverUrl: null, maxBodyBytes: opts.maxBodyBytes ?? DEFAULT_MAX_BODY },
  };
  ctx.captures.onFiled((filed) => {
    for (const summary of filed) ctx.events.emit('delivery.received', summary);
  });
  const handlers = afterCatchingUp(createHandlers(ctx), ctx.captures);
  const closers: Array<() => Promise<void> | void> = [];
  let closed = false;
  return {
    ctx,
    handlers,
    dispatch: createDispatcher(handlers),
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
 * changes to an endpoint: what arrived before the change is verified as the endpoint was.
 */
const READS_CAPTURES = /^(deliveries|diff|export|replay|replays|stats)\.|^endpoints\.(update|delete)$/;

function afterCatchingUp(handlers: ApiHandlers, captures: CapturePipeline): ApiHandlers {
  const wrapped = Object.entries(handlers).map(([name, handler]) => {
    const call = handler as (input: unknown) => Promise<unknown>;
    if (!READS_CAPTURES.test(name)) return [name, call];
    return [
      name,
      async (input: unknown) => {
        await captures.catchUp();
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
}

/** Starts the receiver for this core; captures are announced as `delivery.received` events once filed. */
export async function startCoreReceiver(core: Core, listen: ReceiverListen, opts: ServingOptions = {}): Promise<Receiver> {
  const { ctx } = core;
  const receiver = await startReceiver({
    store: ctx.store,
    host: listen.host,
    port: listen.port,
    maxBodyBytes: ctx.settings.maxBodyBytes,
    pipeline: ctx.captures,
    promoter: {
      onWaiting: (count, oldestMs) => ctx.events.emit('captures.waiting', { count, oldestReceivedAt: oldestMs === null ? null : new Date(oldestMs).toISOString() }),
    },
  });
  ctx.settings.receiverUrl = receiver.url;
  core.onClose(startForwarder(ctx, opts.forward).stop); // registered before the receiver's closer, so it runs after it
  core.onClose(() => receiver.close());
  return receiver;
}

/**
 * Everything a long-running shell (`hookscope serve`, the desktop app) starts: the receiver, then the
 * send scheduler, which resumes scheduled retries. One function, so the two shells cannot drift.
 */
export async function startServing(core: Core, listen: ReceiverListen, opts: ServingOptions = {}): Promise<Receiver> {
  const receiver = await startCoreReceiver(core, listen, opts);
  startSendScheduler(core); // stopped by core.close()
  const relays = startRelays(core.ctx, receiver.url, opts.relays); // issue #21: smee channels feed their endpoints
  core.onClose(() => relays.stop());
  return receiver;
}
