// What every handler group gets: the store, the event bus and the run's settings.
import type { CapturePipeline } from './capture-pipeline.js';
import type { CoreEvents } from './events.js';
import type { Store } from './store/index.js';
import type { TunnelKeeper } from './tunnel/keeper.js';

export interface CoreSettings {
  version: string;
  /** Base URL of the running receiver, or null when none runs in this process (CLI commands). */
  receiverUrl: string | null;
  maxBodyBytes: number;
  /** The public URL a tunnel gives the receiver (issue #21), and its engine; absent when none runs. */
  publicUrl?: string | null;
  tunnel?: string | null;
}

export interface CoreContext {
  store: Store;
  /** Files the receiver's logged captures into deliveries. */
  captures: CapturePipeline;
  events: CoreEvents;
  settings: CoreSettings;
  /** Provider files that could not be loaded, one line each (shown by `serve` and `providers list`). */
  providerErrors: string[];
  /** The receiver's tunnel, while serving (issue #21). */
  tunnel?: TunnelKeeper;
}
