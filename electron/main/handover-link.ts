// The link the IPC bridge holds while the app is attached to a running `hookscope serve`: it relays to
// the serve's client until that serve is gone for good, then to the app's own core host
// (core-connection.ts hands it over). The bridge registers once, on this link, so its handlers and the
// window's event subscription live across the handover.
import type { EventName } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import type { HostStatus } from '../../shared/api/host.js';
import type { CoreLink } from '../host/link.js';

type EventListener = (name: EventName, payload: unknown) => void;

export class HandOverLink implements CoreLink {
  private readonly listeners = new Set<EventListener>();
  private current: CoreLink;
  private unsubscribe: () => void;

  constructor(first: CoreLink) {
    this.current = first;
    this.unsubscribe = first.onEvent((name, payload) => this.emit(name, payload));
  }

  dispatch(method: string, input: unknown): Promise<unknown> {
    return this.current.dispatch(method, input);
  }

  onEvent(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** Calls and events come from `next` from now on; the previous link is no longer heard. */
  handOver(next: CoreLink): void {
    this.unsubscribe();
    this.current = next;
    this.unsubscribe = next.onEvent((name, payload) => this.emit(name, payload));
  }

  /** Tells the window about the handover, as the links themselves tell it about their own state. */
  announce(status: HostStatus): void {
    this.emit('host.status', status);
  }

  private emit(name: EventName, payload: unknown): void {
    for (const listener of this.listeners) listener(name, payload);
  }
}

/** A link with no core behind it: every call fails with `unavailable` and `why`. */
export function unavailableLink(why: string): CoreLink {
  return { dispatch: () => Promise.reject(new ApiError('unavailable', why)), onEvent: () => () => {} };
}
