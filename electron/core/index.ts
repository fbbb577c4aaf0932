// The core's one entry point. The shells (the CLI and headless server in electron/server/, the
// desktop app's main process in electron/main/) and the benches import the core only from here; the
// lint rules (.dependency-cruiser.cjs) hold them to it. Inside, the layers are:
//
//   shared/                 pure data and functions (contract, providers, verify, retry…)
//   store/, secrets/        the SQLite file and its tables; sealing secrets at rest
//   capture/, receiver/,    the work: capture path (receiver → log → filing → announce), sender and
//   sender/, scheduler/,    its scheduler, replay and auto-forward, handlers implementing the contract
//   replay/, handlers/ …
//   core.ts                 composes them: openCore, startServing
//
// Everything exported here is light to load: `hookscope stats` must not load the receiver, the sender
// or the UI server (test/integration/cli/built-cli.test.ts). What is heavy is started through a
// function that loads it on call (startServing loads the receiver; startSendScheduler the sender).
import type { CoreLifetime } from './context.js';
import type { SendScheduler } from './scheduler/scheduler.js';

export { openCore, startCoreReceiver, startServing, type Core, type CoreOptions, type ReceiverListen, type ServingOptions } from './core.js';
export type { CoreContext } from './context.js';
export { toApiError, type Dispatch } from './service.js';
export { defaultDbFile } from './paths.js';
export { customProviderDirs, checkProviderFile, loadCustomProviders } from './custom-providers.js';
export { unreadableSecretsNote } from './endpoint-secrets.js';
export { desktopKeyBox, unwrapDesktopKey } from './secrets/desktop-box.js';
export { writePrivateFile } from './private-files.js';
export { claimServeFile, readServeFile, readServingRecord, serveFileFor, type AppFile, type ServeFile, type ServingInfo, type ServingRecord } from './serve-file.js';
export { alreadyServedError, describeServingCore, findServingCore, type ServingCheck } from './serving-core.js';
export { openStore, type Store } from './store/index.js';
export type { Db } from './store/connection.js';
export { openDatabase } from './store/db.js';
export { asStoreError, StoreError } from './store/errors.js';
export { replaysOf } from './store/replays.js';
export type { RawCapture } from './store/capture-log.js';
export type { NewCapture } from './store/deliveries.js';
export type { DeliveryQuery } from './store/delivery-list.js';
export { IDLE_SLICE_ROWS } from './store/maintenance/search-indexer.js'; // for bench:search-index (issue #17)
export { mainThreadSched, trace, traceClock, tracing } from './store/maintenance/trace.js'; // bench:store prune's stall log (issue #15)
export type { Receiver } from './receiver/receiver.js';
export { DEFAULT_MAX_BODY, DEFAULT_RECEIVER_PORT } from './receiver/limits.js';
export { DEFAULT_MAX_WAIT_MS, DEFAULT_MAX_WAITING, DEFAULT_REPLAY_TIMEOUT_MS } from './replay/limits.js';
export { isTunnelEngine, TUNNEL_ENGINES, type TunnelEngine } from './tunnel/tunnel.js';

/**
 * Starts the core's send scheduler (stopped when the core closes); `resume: false` plays only the
 * batches started through this core. Loads the sender on call.
 */
export async function startSendScheduler(core: CoreLifetime, opts: { resume?: boolean } = {}): Promise<SendScheduler> {
  const scheduler = await import('./scheduler/scheduler.js');
  return scheduler.startSendScheduler(core, opts);
}
