// The provider's event type of a captured request (issue #21, routing by event): from the header the
// provider names its events in (GitHub's X-GitHub-Event, a `{event}` static header), else from the
// body field its profile names (Stripe's `type`, AgileTune's `event`, Slack's `event.type`), else from
// the usual places. Pure: used by auto-forward's rules and testable without a server.
import type { HeaderField } from '../domain.js';
import { headerValue } from '../headers.js';
import type { ProviderSpec } from './spec.js';

const COMMON_HEADERS = ['x-github-event', 'x-gitlab-event', 'x-shopify-topic', 'x-event-type', 'x-webhook-event'];
const COMMON_FIELDS = ['type', 'event', 'event_type', 'topic'];

export function eventTypeOf(spec: ProviderSpec | undefined, headers: readonly HeaderField[], bodyText: string): string | null {
  if (spec) {
    for (const [name, value] of Object.entries(spec.staticHeaders)) {
      if (value === '{event}') {
        const found = headerValue(headers, name);
        if (found) return found;
      }
    }
  }
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (spec?.eventField) {
    const found = atPath(body, spec.eventField);
    if (found) return found;
  }
  for (const name of COMMON_HEADERS) {
    const found = headerValue(headers, name);
    if (found) return found;
  }
  for (const field of COMMON_FIELDS) {
    const found = atPath(body, field);
    if (found) return found;
  }
  return null;
}

function atPath(body: unknown, path: string): string | null {
  let at: unknown = body;
  for (const key of path.split('.')) {
    if (typeof at !== 'object' || at === null) return null;
    at = (at as Record<string, unknown>)[key];
  }
  return typeof at === 'string' && at !== '' ? at : null;
}

export interface ForwardRule {
  /** An event type, or a prefix ending in `*` (`task.*`), or `*` for any. */
  event: string;
  url: string;
}

/** The first rule matching `event`, in the order given. */
export function ruleFor(rules: readonly ForwardRule[], event: string | null): ForwardRule | undefined {
  return rules.find((r) => {
    if (r.event === '*') return true;
    if (event === null) return false;
    return r.event.endsWith('*') ? event.startsWith(r.event.slice(0, -1)) : r.event === event;
  });
}
