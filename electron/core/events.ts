// The core's event bus, typed by the API contract's events: the transports forward every event as it
// is, so adding an event to the contract is all it takes for the renderer to receive it.
import type { EventName, EventPayload } from '../../shared/api/contract.js';

type Listener<E extends EventName> = (payload: EventPayload<E>) => void;
type AnyListener = (name: EventName, payload: unknown) => void;

export class CoreEvents {
  private readonly listeners = new Map<EventName, Set<Listener<EventName>>>();
  private readonly anyListeners = new Set<AnyListener>();

  on<E extends EventName>(name: E, listener: Listener<E>): () => void {
    let set = this.listeners.get(name);
    if (!set) this.listeners.set(name, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }

  /** Every event, for transports that forward them all. */
  onAny(listener: AnyListener): () => void {
    this.anyListeners.add(listener);
    return () => this.anyListeners.delete(listener);
  }

  emit<E extends EventName>(name: E, payload: EventPayload<E>): void {
    // A failing listener must not stop the others, nor the capture that emitted the event.
    for (const listener of this.listeners.get(name) ?? []) safely(() => listener(payload));
    for (const listener of this.anyListeners) safely(() => listener(name, payload));
  }
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch (err) {
    console.error('hookscope: event listener failed:', err);
  }
}
