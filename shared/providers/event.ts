// The event type a delivery carries, read the way its provider sends it: a header the profile fills
// with `{event}` (GitHub's X-GitHub-Event, Shopify's X-Shopify-Topic), else the body field the profile
// names (AgileTune's `event`, Almirant's and Stripe's `type`, Slack's `event.type`). Computed once when
// a capture is filed and stored beside it, so the inbox lists it without reading bodies.
import type { HeaderField } from '../domain.js';
import { headerValue } from '../headers.js';
import type { ProviderSpec } from './spec.js';

/** Bodies larger than this are not parsed for their event (filing stays cheap under a flood of big ones). */
export const EVENT_BODY_LIMIT = 1024 * 1024;
/** An event name longer than this is cut: it is a label in a list, not data. */
const EVENT_MAX_CHARS = 200;

/** The header the profile fills with the event name, if any. */
export function eventHeader(spec: Pick<ProviderSpec, 'staticHeaders'>): string | undefined {
  return Object.entries(spec.staticHeaders).find(([, value]) => value === '{event}')?.[0];
}

/** The delivery's event type by its provider's profile, or null when it carries none that can be read. */
export function eventOf(spec: Pick<ProviderSpec, 'staticHeaders' | 'eventField'>, headers: readonly HeaderField[], body: Uint8Array): string | null {
  const header = eventHeader(spec);
  const fromHeader = header ? headerValue(headers, header)?.trim() : undefined;
  if (fromHeader) return fromHeader.slice(0, EVENT_MAX_CHARS);
  if (!spec.eventField || body.length > EVENT_BODY_LIMIT || !startsLikeObject(body)) return null;
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(body));
  } catch {
    return null;
  }
  for (const key of spec.eventField.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
    value = (value as Record<string, unknown>)[key];
  }
  return typeof value === 'string' && value.trim() !== '' ? value.trim().slice(0, EVENT_MAX_CHARS) : null;
}

/** A JSON object's first byte after any whitespace is `{`: anything else is not parsed at all. */
function startsLikeObject(body: Uint8Array): boolean {
  for (const byte of body) {
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d) continue;
    return byte === 0x7b;
  }
  return false;
}
