// The API over the headless server's HTTP bridge: every method is POST /api/call/<method> with the
// bearer token, every event arrives on one EventSource (/api/events?token=…, since EventSource cannot
// send headers). Generic over the contract: no code per method.
import type { EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import { ApiError } from '../../shared/api/errors.js';
import { asApiError } from './errors.js';
import type { Connection, RendererApi } from './transport.js';

const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;

type Listener = (payload: never) => void;

export function createHttpTransport(token: string | null, base = location.origin): RendererApi {
  const listeners = new Map<string, Set<Listener>>();
  const connectedListeners = new Set<() => void>();
  const stateListeners = new Set<(state: Connection, message: string | null) => void>();
  let state: Connection = 'connecting';
  let source: EventSource | null = null;
  let retryMs = RETRY_MIN_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;

  const setState = (next: Connection) => {
    if (next === state) return;
    state = next;
    for (const l of stateListeners) l(next, null);
  };

  const attach = (es: EventSource, name: string) => {
    es.addEventListener(name, (e) => {
      let payload: unknown;
      try {
        payload = JSON.parse((e as MessageEvent<string>).data);
      } catch {
        return;
      }
      for (const l of listeners.get(name) ?? []) (l as (p: unknown) => void)(payload);
    });
  };

  // EventSource retries by itself after a dropped connection, but gives up for good on an HTTP error
  // (a restarted server answers 401 until the page gets its new token): reopen it with a backoff.
  const open = () => {
    if (!token) return;
    const es = new EventSource(`${base}/api/events?token=${encodeURIComponent(token)}`);
    source = es;
    for (const name of listeners.keys()) attach(es, name);
    es.addEventListener('open', () => {
      retryMs = RETRY_MIN_MS;
      setState('live');
      for (const l of connectedListeners) l();
    });
    es.addEventListener('error', () => {
      setState('reconnecting');
      if (es.readyState !== EventSource.CLOSED) return;
      es.close();
      clearTimeout(retryTimer);
      retryTimer = setTimeout(open, retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    });
  };

  return {
    transport: 'http',
    async call<M extends MethodName>(name: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      if (!token) throw new ApiError('unauthorized', 'no API token: open the UI link that `hookscope serve` printed (it ends in #token=…)');
      let res: Response;
      try {
        res = await fetch(`${base}/api/call/${name}`, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: JSON.stringify(input),
        });
      } catch {
        throw new ApiError('unavailable', 'Hookscope is not reachable: is `hookscope serve` still running?');
      }
      let body: unknown;
      try {
        body = await res.json();
      } catch {
        throw new ApiError('internal', `the server answered ${res.status} without JSON`);
      }
      if (!res.ok) throw asApiError(body);
      return (body as { result: MethodOutput<M> }).result;
    },
    on<E extends EventName>(name: E, listener: (payload: EventPayload<E>) => void): () => void {
      let set = listeners.get(name);
      if (!set) {
        listeners.set(name, (set = new Set()));
        if (source) attach(source, name);
      }
      set.add(listener as Listener);
      if (!source) open();
      return () => set.delete(listener as Listener);
    },
    onConnected(listener) {
      connectedListeners.add(listener);
      if (!source) open();
      return () => connectedListeners.delete(listener);
    },
    onConnectionChange(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    connection: () => state,
  };
}
