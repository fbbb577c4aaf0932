// Where a capture really came from when a tunnel or relay carried it (issue #21). Tunnel engines
// (cloudflared, ngrok) and the smee relay connect to the receiver from this machine, so the socket
// says 127.0.0.1; the original client is in the headers they add. Those headers are believed only
// when the connection came from loopback: anyone else could write them.
import type { HeaderField } from '../domain.js';
import { headerValue } from '../headers.js';
import { RELAY_HEADER } from '../relay/smee.js';

export interface ArrivedThrough {
  /** What carried it: `cloudflared (Cloudflare)`, `ngrok`, `smee <channel>`, or `a proxy`. */
  via: string;
  /** The original client's address, when the carrier said. */
  client: string | null;
  /** The scheme the client used (X-Forwarded-Proto), when said. */
  proto: string | null;
}

const isLoopback = (address: string | null) => !!address && (address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.'));

export function arrivedThrough(headers: readonly HeaderField[], remoteAddress: string | null): ArrivedThrough | null {
  if (!isLoopback(remoteAddress)) return null;
  const value = (name: string) => headerValue(headers, name)?.trim() || null;
  const firstHop = (list: string | null) => list?.split(',')[0]?.trim() || null;
  const proto = firstHop(value('x-forwarded-proto'));
  const relay = value(RELAY_HEADER);
  if (relay) return { via: relay, client: firstHop(value('x-forwarded-for')), proto };
  const cloudflare = value('cf-connecting-ip');
  if (cloudflare || value('cf-ray')) return { via: 'cloudflared (Cloudflare)', client: cloudflare ?? firstHop(value('x-forwarded-for')), proto };
  const forwardedFor = firstHop(value('x-forwarded-for'));
  if (!forwardedFor) return null;
  const host = `${value('x-forwarded-host') ?? ''} ${value('host') ?? ''}`;
  return { via: /ngrok/i.test(host) ? 'ngrok' : 'a proxy', client: forwardedFor, proto };
}

/** One line: "203.0.113.9 over https, through ngrok". */
export function describeArrival(a: ArrivedThrough): string {
  return `${a.client ?? 'unknown client'}${a.proto ? ` over ${a.proto}` : ''}, through ${a.via}`;
}
