// What a shell's bridge needs from the core, wherever the core runs: call a contract method, hear its
// events. The core in this process (`inProcessLink`), a core host process (host-client.ts) and a running
// `hookscope serve` reached over its control API (serve-client.ts) all give one, so the IPC bridge is
// written once and tested against each.
import type { EventName } from '../../shared/api/contract.js';
import type { Core } from '../core/index.js';

export interface CoreLink {
  /** Resolves with the method's result; rejects with an ApiError (shared/api/errors.ts). */
  dispatch(method: string, input: unknown): Promise<unknown>;
  /** Every contract event, in order; returns the unsubscribe. */
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
}

export function inProcessLink(core: Core): CoreLink {
  return { dispatch: core.dispatch, onEvent: (listener) => core.ctx.events.onAny(listener) };
}
