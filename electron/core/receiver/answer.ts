// What the receiver answers a capture with, written once for both the socket (receiver.ts) and the
// delivery view's Response tab (handlers/deliveries.ts), so what the tab shows is what went out.
import { FRAMING_HEADERS } from '../../../shared/api/endpoints.js';
import type { HeaderField, Incomplete, ResponseSpec } from '../../../shared/domain.js';

/** The configured headers that are sent: framing is Hookscope's (endpoints saved before such headers were refused may still name them). */
export function configuredAnswerHeaders(spec: ResponseSpec): HeaderField[] {
  return spec.headers.filter((h) => !FRAMING_HEADERS.includes(h.name.toLowerCase()));
}

/** The 413 for a body past the limit, of which `storedBytes` were kept. */
export const TOO_LARGE_HEADERS = (id: number): HeaderField[] => [
  { name: 'Content-Type', value: 'application/json' },
  { name: 'Connection', value: 'close' },
  { name: 'X-Hookscope-Delivery', value: String(id) },
];
export const tooLargeBody = (storedBytes: number, id: number) => JSON.stringify({ error: `body larger than the ${storedBytes}-byte limit; the first bytes were kept`, id });

export interface SentAnswer {
  status: number;
  headers: HeaderField[];
  body: string;
  delayMs: number;
}

/** The answer as it went out for capture `id`: null when the client left before one. */
export function sentAnswer(spec: ResponseSpec, id: number, incomplete: Incomplete, storedBytes: number): SentAnswer | null {
  if (incomplete === 'aborted') return null;
  if (incomplete === 'too-large') {
    const body = tooLargeBody(storedBytes, id);
    return { status: 413, headers: TOO_LARGE_HEADERS(id), body, delayMs: 0 };
  }
  return {
    status: spec.status,
    headers: [
      ...configuredAnswerHeaders(spec),
      { name: 'X-Hookscope-Delivery', value: String(id) },
      { name: 'Content-Length', value: String(Buffer.byteLength(spec.body)) },
    ],
    body: spec.body,
    delayMs: spec.delayMs,
  };
}
