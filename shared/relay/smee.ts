// smee.io relays: what an endpoint's `relay` setting means (shared with the renderer's form), and the
// header that marks a relayed capture. How one smee event becomes a request: core/relay/smee-event.ts.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';

/** The header a relayed capture carries, naming the relay and its channel (added by Hookscope, never by the provider). */
export const RELAY_HEADER = 'X-Hookscope-Relay';

export interface RelaySpec {
  kind: 'smee';
  /** The channel URL, e.g. https://smee.io/abc123. */
  url: string;
}

const SMEE_PREFIX = 'smee:';

/** `smee:<channel URL>` → the relay, or a message saying what is wrong. */
export function parseRelay(text: string): { ok: true; relay: RelaySpec } | { ok: false; reason: string } {
  if (!text.startsWith(SMEE_PREFIX)) return { ok: false, reason: `a relay is written smee:<channel URL> (e.g. smee:https://smee.io/abc123), not ${JSON.stringify(text.slice(0, 80))}` };
  const url = text.slice(SMEE_PREFIX.length);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { ok: false, reason: `the smee channel ${JSON.stringify(url.slice(0, 200))} is not a URL (create one at https://smee.io/new)` };
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return { ok: false, reason: `the smee channel must be an http(s) URL, not ${parsed.protocol}` };
  return { ok: true, relay: { kind: 'smee', url: parsed.href.replace(/\/$/, '') } };
}

export const relaySettingSchema = lazySchema(() => z
  .string()
  .max(2048)
  .superRefine((text, ctx) => {
    const parsed = parseRelay(text);
    if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.reason });
  }));
