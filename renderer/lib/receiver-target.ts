// Whether a send's target is this Hookscope's own receiver, and which of its endpoints it lands on:
// the Sender then signs with that endpoint's secret (so captures verify), and links each attempt to
// the delivery it produced.
import type { Endpoint } from '../../shared/domain.js';
import { normalizePath, pathMatches } from '../../shared/endpoint-path.js';

/** Loopback names as URLs spell them (the core's check, shared/net/loopback.ts, needs node:net). */
function isLoopbackName(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);
}

/** The target URL when it points at the receiver (any loopback spelling of its host, same port), else null. */
export function receiverTarget(target: string, receiverUrl: string | null | undefined): URL | null {
  if (!receiverUrl) return null;
  let url: URL;
  let receiver: URL;
  try {
    url = new URL(target.trim());
    receiver = new URL(receiverUrl);
  } catch {
    return null;
  }
  if (url.protocol !== receiver.protocol || url.port !== receiver.port) return null;
  const sameHost = url.hostname === receiver.hostname || (isLoopbackName(url.hostname) && isLoopbackName(receiver.hostname));
  return sameHost ? url : null;
}

/** The endpoint a request to `target` would match on this receiver (longest prefix), if any. */
export function receiverEndpoint<E extends Pick<Endpoint, 'path'>>(target: string, receiverUrl: string | null | undefined, endpoints: readonly E[]): E | undefined {
  const url = receiverTarget(target, receiverUrl);
  if (!url) return undefined;
  let path: string;
  try {
    path = normalizePath(decodeURI(url.pathname));
  } catch {
    return undefined; // a malformed %-escape: no endpoint can be told
  }
  let best: E | undefined;
  for (const e of endpoints) if (pathMatches(e.path, path) && (!best || e.path.length > best.path.length)) best = e;
  return best;
}
