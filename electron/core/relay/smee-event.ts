// How one smee.io event becomes a request. smee.io answers the provider itself, parses the body and
// sends it on as one JSON event over a server-sent-event stream: the request's headers as fields, then
// `body` (the PARSED body), `query` and `timestamp`. The bytes the provider signed are gone; the smee
// client rebuilds the body with JSON.stringify, exactly as done here, so a signature survives only
// when the provider itself sent compact JSON (smee-client #366). The capture records the relay
// (RELAY_HEADER) so the doctor can say so.
import type { HeaderField } from '../../../shared/domain.js';

/** Fields smee.io adds to an event that are not request headers. */
const NOT_HEADERS = new Set(['body', 'query', 'timestamp', 'rawBody']);
/** Headers that describe the hop from the provider to smee.io (or its body as smee received it), not this request. */
const HOP_HEADERS = new Set(['host', 'content-length', 'connection', 'transfer-encoding', 'accept-encoding', 'content-encoding']);

export interface RelayedRequest {
  headers: HeaderField[];
  body: Buffer;
  /** The query string smee recorded, with its leading `?`, or ''. */
  query: string;
  /** When smee.io received the request (ms since the epoch), or null. */
  timestamp: number | null;
}

/** One smee event's `data` → the request as smee-client would rebuild it, or null when it is not a request event. */
export function relayedRequest(data: unknown): RelayedRequest | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const event = data as Record<string, unknown>;
  if (!('body' in event)) return null; // smee.io's `ready` and `ping` events carry no request
  const headers: HeaderField[] = [];
  for (const [name, value] of Object.entries(event)) {
    if (NOT_HEADERS.has(name) || HOP_HEADERS.has(name.toLowerCase())) continue;
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === 'string' || typeof v === 'number') headers.push({ name, value: String(v) });
    }
  }
  return { headers, body: rebuildBody(event.body, headerValue(headers, 'content-type')), query: queryString(event.query), timestamp: typeof event.timestamp === 'number' ? event.timestamp : null };
}

function headerValue(headers: readonly HeaderField[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name)?.value;
}

/** The body smee-client would send: JSON.stringify of what smee parsed; a form body is form-encoded again. */
function rebuildBody(body: unknown, contentType: string | undefined): Buffer {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (contentType?.toLowerCase().startsWith('application/x-www-form-urlencoded') && typeof body === 'object' && !Array.isArray(body)) {
    const form = new URLSearchParams();
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) form.append(k, typeof v === 'string' ? v : JSON.stringify(v));
    return Buffer.from(form.toString(), 'utf8');
  }
  return Buffer.from(JSON.stringify(body), 'utf8');
}

function queryString(query: unknown): string {
  if (typeof query !== 'object' || query === null) return '';
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) {
    for (const item of Array.isArray(v) ? v : [v]) params.append(k, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
