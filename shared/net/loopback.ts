// Where Hookscope may send traffic. Replays and mock sends go to the user's own handler, so targets
// must be loopback (localhost, 127.0.0.0/8, ::1) unless the user explicitly allows a host. The check
// runs on the URL before any connection, and again on the resolved address (see outbound.ts), so a
// name that resolves elsewhere is refused too.
import { BlockList, isIP } from 'node:net';

// BlockList compares IPv4-mapped IPv6 addresses (::ffff:127.0.0.1, which `new URL` rewrites to
// ::ffff:7f00:1) against the IPv4 rules, so every spelling of a loopback address matches and a mapped
// non-loopback address (::ffff:10.0.0.1) does not; hand-written patterns missed the hex spelling.
const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addAddress('::1', 'ipv6');

export function isLoopbackHostname(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  return isLoopbackAddress(host);
}

export function isLoopbackAddress(address: string): boolean {
  const a = address.replace(/^\[|\]$/g, '').toLowerCase();
  const family = isIP(a);
  if (family === 4) return LOOPBACK.check(a, 'ipv4');
  if (family === 6) return LOOPBACK.check(a, 'ipv6');
  return false;
}

export type TargetCheck = { ok: true; url: URL } | { ok: false; reason: string };

/** Parses a target URL and refuses anything but http(s) to loopback or an explicitly allowed host. */
export function checkTarget(target: string, allowHosts: readonly string[] = []): TargetCheck {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return { ok: false, reason: `"${target}" is not a valid URL (expected e.g. http://localhost:3000/webhooks)` };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: `only http and https targets are supported, not ${url.protocol}` };
  }
  if (isLoopbackHostname(url.hostname) || isAllowed(url.hostname, allowHosts)) return { ok: true, url };
  return {
    ok: false,
    reason: `refusing to send to ${url.hostname}: only loopback targets (localhost, 127.0.0.0/8, ::1) are allowed unless you pass --allow-host ${url.hostname}`,
  };
}

export function isAllowed(hostname: string, allowHosts: readonly string[]): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return allowHosts.some((h) => h.replace(/^\[|\]$/g, '').toLowerCase() === host);
}
