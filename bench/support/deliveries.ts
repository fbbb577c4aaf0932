// Realistic stored deliveries for the benchmarks that fill a database directly (store, UI): AgileTune
// bodies with the headers a sender adds, five endpoints, mostly valid with some invalid and unsigned,
// and the verdicts (with their evidence) a real capture stores.
import type { Verification } from '../../shared/domain.js';
import { requireProvider, verifyWithProfile } from '../../shared/providers/registry.js';
import { signRequest } from '../../shared/verify/sign.js';
import type { NewCapture } from '../../electron/core/index.js';
import { agileTuneBody, BENCH_SECRET, signedAgileTuneRequests } from './payloads.js';

export const ENDPOINTS = ['/hooks/agiletune', '/hooks/agiletune-staging', '/hooks/billing', '/hooks/crm', '/hooks/legacy'];

export type Verdicts = Record<'valid' | 'invalid' | 'unsigned', Verification>;

/** Real verdicts, one per status, reused across rows. */
export function verdicts(): Verdicts {
  const [sample] = signedAgileTuneRequests(1);
  const req = { headers: sample!.headers, body: sample!.body, receivedAtMs: Date.now() };
  return {
    valid: verifyWithProfile('agiletune', req, [BENCH_SECRET]),
    invalid: verifyWithProfile('agiletune', req, ['rotated-secret']),
    unsigned: verifyWithProfile(null, { ...req, headers: [] }, []),
  };
}

/** Delivery number n of a history of `total`, received one second apart up to `nowMs`. */
export function deliveryAt(n: number, total: number, v: Verdicts, nowMs: number): NewCapture {
  const receivedAtMs = nowMs - (total - n) * 1000;
  const body = agileTuneBody(n, 1024, receivedAtMs);
  const status = n % 50 === 0 ? 'invalid' : n % 97 === 0 ? 'unsigned' : 'valid';
  const headers = [
    { name: 'Host', value: 'hooks.example.test' },
    { name: 'User-Agent', value: 'AgileTune-Webhooks/1.0' },
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Content-Length', value: String(body.length) },
    { name: 'Accept-Encoding', value: 'gzip' },
    { name: 'X-AgileTune-Event', value: 'task.updated' },
    { name: 'X-AgileTune-Delivery', value: `dlv_${n.toString(36).padStart(10, '0')}` },
    ...(status === 'unsigned' ? [] : signRequest(requireProvider('agiletune'), body, BENCH_SECRET, { nowMs })),
  ];
  const endpoint = ENDPOINTS[n % 7 === 0 ? 2 + (n % 3) : n % 2]!;
  return {
    receivedAtMs,
    method: n % 40 === 0 ? 'PUT' : 'POST',
    path: endpoint,
    query: n % 10 === 0 ? `attempt=${1 + (n % 3)}` : '',
    httpVersion: '1.1',
    headers,
    body,
    truncated: false,
    incomplete: null,
    remoteAddress: '127.0.0.1',
    remotePort: 40_000 + (n % 20_000),
    durationMs: 0.2,
    endpointId: null,
    endpointPath: endpoint,
    provider: 'agiletune',
    verification: v[status],
    responseStatus: 200,
  };
}
