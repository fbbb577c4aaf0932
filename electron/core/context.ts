// What every handler group gets: the store, the event bus and the run's settings.
import type { Filing } from './capture/filing.js';
import type { CoreEvents } from './events.js';
import type { Store } from './store/index.js';

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
  /** Files the receiver's logged captures into deliveries and announces them (capture/). */
  filing: Filing;
  events: CoreEvents;
  settings: CoreSettings;
  /** Provider files that could not be loaded, one line each (shown by `serve` and `providers list`). */
  providerErrors: string[];
}

/** What a background service started on the core needs of it (core.ts's Core is one): its context, and a way to stop with it. */
export interface CoreLifetime {
  readonly ctx: CoreContext;
  /** Runs `fn` when the core closes (before the store does). */
  onClose(fn: () => Promise<void> | void): void;
}
