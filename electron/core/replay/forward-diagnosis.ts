// Why a forward or replay did not reach the handler, in words. A bare `ECONNREFUSED` is the most
// common complaint in smee-client's and Stripe CLI's trackers (smee-client #38, #97; stripe-cli #273,
// #547): the user cannot tell a stopped handler from one on another port, on the other loopback
// family, inside a container, or on another path. `diagnoseForward` is pure over facts gathered by
// the probes in forward-probes.ts, so every explanation is tested with exact inputs, and the probes
// are tested against real loopback listeners.
import type { OutboundErrorKind } from '../http/outbound.js';

export interface ForwardFacts {
  /** The URL the request went to. */
  url: string;
  status: number | null;
  errorKind: OutboundErrorKind | 'not-sent' | null;
  /** Addresses the target's hostname resolved to (empty when it did not resolve). */
  resolved: string[];
  /** Whether a listener accepts connections on the target port, per loopback address. */
  listening: { v4: boolean; v6: boolean };
  /** Other loopback ports that accept connections (near the target's, and common dev ports). */
  nearby: Array<{ port: number; address: string }>;
  /** The target port answers plain HTTP (probed when TLS failed), or null when not probed. */
  speaksPlainHttp: boolean | null;
  /** The target port completes a TLS handshake (probed when a plain-HTTP request was cut), or null. */
  speaksTls: boolean | null;
  /** An earlier answer from the same origin on another path, newest first. */
  answeredBefore: { path: string; status: number } | null;
  docker: { insideContainer: boolean; hostHasDocker: boolean };
}

const bare = (host: string) => host.replace(/^\[|\]$/g, '').toLowerCase();
const isV4Loopback = (a: string) => a.startsWith('127.');
const isV6Loopback = (a: string) => a === '::1';

function portOf(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

function withHost(url: URL, host: string, port = portOf(url)): string {
  const u = new URL(url.href);
  u.hostname = host.includes(':') ? `[${host}]` : host;
  u.port = String(port);
  return u.origin;
}

/** One or two sentences saying why the handler was not reached, or null when nothing explains it. */
export function diagnoseForward(facts: ForwardFacts): string | null {
  let url: URL;
  try {
    url = new URL(facts.url);
  } catch {
    return null;
  }
  const host = bare(url.hostname);
  const port = portOf(url);
  if (facts.status === 404 && facts.answeredBefore) return notFound(url, facts.answeredBefore);
  if (facts.status !== null) return null;

  if (facts.errorKind === 'tls' && facts.speaksPlainHttp) {
    return `port ${port} speaks plain HTTP, not TLS: forward to ${withHost(url, host).replace(/^https:/, 'http:')} (http://, not https://).`;
  }
  if ((facts.errorKind === 'reset' || facts.errorKind === 'other') && url.protocol === 'http:' && facts.speaksTls) {
    return `port ${port} speaks HTTPS (TLS), not plain HTTP: forward to ${withHost(url, host).replace(/^http:/, 'https:')}.`;
  }
  if (facts.errorKind === 'dns' || facts.errorKind === 'refused-target') {
    if (host === 'host.docker.internal' && !facts.docker.insideContainer) {
      return `host.docker.internal only resolves inside a Docker container, and Hookscope runs on the host: forward to ${withHost(url, 'localhost')} and publish the handler's port (docker run -p ${port}:${port}).`;
    }
    return null;
  }
  if (facts.errorKind !== 'refused' && facts.errorKind !== 'timeout') return null;

  const family = familyMismatch(url, host, port, facts);
  if (family) return family;
  if (facts.errorKind === 'timeout') return null; // something accepted the connection and never answered
  if (facts.listening.v4 || facts.listening.v6) return null; // it listens now: the handler was restarting

  const parts = [`nothing listens on port ${port} (checked 127.0.0.1 and ::1).`];
  if (facts.nearby.length > 0) {
    const ports = [...new Set(facts.nearby.map((n) => n.port))].sort((a, b) => a - b);
    const list = ports.slice(0, 5).join(', ');
    parts.push(`On loopback, ${ports.length === 1 ? 'port' : 'ports'} ${list} ${ports.length === 1 ? 'listens' : 'listen'}: is your handler on ${ports.length === 1 ? 'it' : 'one of them'}?`);
  } else {
    parts.push('Is your handler running?');
  }
  if (facts.docker.insideContainer) {
    parts.push(`Hookscope runs inside a container, where ${host} is the container itself: a handler on the host is at ${withHost(url, 'host.docker.internal')} (allow it with --allow-host host.docker.internal).`);
  } else if (facts.docker.hostHasDocker) {
    parts.push(`If the handler runs in a Docker container, publish its port (docker run -p ${port}:${port}) and make it listen on 0.0.0.0 inside the container.`);
  }
  return parts.join(' ');
}

/** The handler listens on the other loopback family than the one the target reached. */
function familyMismatch(url: URL, host: string, port: number, facts: ForwardFacts): string | null {
  const triedV4 = facts.resolved.some(isV4Loopback);
  const triedV6 = facts.resolved.some(isV6Loopback);
  const via = host === 'localhost' ? `localhost resolved to ${facts.resolved.join(', ')}` : `${host} is ${triedV6 ? 'IPv6' : 'IPv4'} loopback`;
  if (facts.listening.v6 && !facts.listening.v4 && triedV4 && !triedV6) {
    return `${via}, while the handler listens on ::1 (IPv6) only: forward to ${withHost(url, '::1')}, or make the handler listen on 127.0.0.1 too.`;
  }
  if (facts.listening.v4 && !facts.listening.v6 && triedV6 && !triedV4) {
    return `${via}, while the handler listens on 127.0.0.1 (IPv4) only: forward to ${withHost(url, '127.0.0.1')}, or make the handler listen on ::1 too.`;
  }
  return null;
}

function notFound(url: URL, before: { path: string; status: number }): string | null {
  if (before.path === url.pathname) return null;
  return `the handler has no route for ${url.pathname} (404), while ${before.path} answered ${before.status} before: forward to ${url.origin}${before.path}? (A target without a path gets the captured path.)`;
}
