// What each scenario sends: the requests (steps) of one check, signed as the provider signs them and
// then altered the way the scenario says (another secret, no signature, a stale or swapped timestamp,
// a body changed after signing…). Also the probes sent when a correctly signed event is refused: the
// same event signed the way a common mistake expects, to name the mistake.
import { randomUUID } from 'node:crypto';
import type { CheckId } from '../../../shared/check/scenarios.js';
import { LARGE_EVENT_BYTES, staleSeconds } from '../../../shared/check/scenarios.js';
import type { Diagnosis } from '../../../shared/check/advice.js';
import type { HeaderField } from '../../../shared/domain.js';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { providerHeaders, signRequest } from '../../../shared/verify/sign.js';
import { userAgentOf } from '../sender/attempt.js';
import { oneByteChanged, respaced, type EventBodies } from './bodies.js';

export interface Step {
  /** What this request is within its check ("second delivery", "signed with another secret"). */
  label: string;
  headers: HeaderField[];
  body: Buffer;
  /** Index (in the check's steps) of the request this one repeats, as a provider's retry would. */
  repeats?: number;
}

export interface StepContext {
  spec: ProviderSpec;
  event: string;
  secret: string;
  bodies: EventBodies;
  nowMs: number;
}

/** The headers a provider sends with `body`, signed with `secret` at `nowMs` under delivery id `id`. */
export function signedHeaders(ctx: Pick<StepContext, 'spec' | 'event'>, body: Buffer, secret: string, at: { nowMs: number; id?: string }): HeaderField[] {
  return [
    { name: 'Content-Type', value: 'application/json' },
    { name: 'User-Agent', value: userAgentOf(ctx.spec) },
    ...providerHeaders(ctx.spec, ctx.event, body),
    ...signRequest(ctx.spec, body, secret, { nowMs: at.nowMs, id: at.id ?? newDeliveryId() }),
  ];
}

function newDeliveryId(): string {
  return `msg_${randomUUID().replace(/-/g, '')}`;
}

/** The request with its signature header set to `value`, or removed (null), legacy header too. */
function withSignature(spec: ProviderSpec, headers: HeaderField[], value: string | null): HeaderField[] {
  const sig = spec.signature;
  const names = new Set([sig.header, ...(sig.kind === 'hmac' && sig.legacy ? [sig.legacy.header] : [])].map((n) => n.toLowerCase()));
  const out: HeaderField[] = [];
  for (const h of headers) {
    if (!names.has(h.name.toLowerCase())) out.push(h);
    else if (value !== null && h.name.toLowerCase() === sig.header.toLowerCase()) out.push({ name: h.name, value });
  }
  return out;
}

function headerOf(headers: HeaderField[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}

/** Another secret of the same shape (a `whsec_` secret stays one, so only the key differs). */
export function otherSecret(spec: ProviderSpec, secret: string): string {
  const sig = spec.signature;
  if (sig.kind === 'hmac' && sig.secretEncoding !== 'utf8') {
    const key = Buffer.from(randomUUID().replace(/-/g, ''), 'hex').toString('base64');
    return sig.secretEncoding === 'whsec' ? `whsec_${key}` : key;
  }
  let other = '';
  while (other.length < Math.max(secret.length, 16)) other += randomUUID().replace(/-/g, '');
  return other.slice(0, Math.max(secret.length, 16));
}

function swapCase(text: string): string {
  return [...text].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('');
}

/** The steps of check `id`; each request carries its own event, except where the scenario repeats one. */
export function stepsFor(id: CheckId, ctx: StepContext): Step[] {
  const { spec, secret, nowMs } = ctx;
  const sign = (body: Buffer, at: { nowMs: number; id?: string } = { nowMs }, key = secret) => signedHeaders(ctx, body, key, at);
  switch (id) {
    case 'signed-accepted': {
      const body = ctx.bodies.next();
      return [{ label: 'signed like the provider', headers: sign(body), body }];
    }
    case 'wrong-secret': {
      const body = ctx.bodies.next();
      return [{ label: 'signed with another secret', headers: sign(body, { nowMs }, otherSecret(spec, secret)), body }];
    }
    case 'wrong-key': {
      const body = ctx.bodies.next();
      return [{ label: 'another key', headers: sign(body, { nowMs }, otherSecret(spec, secret)), body }];
    }
    case 'key-case': {
      const body = ctx.bodies.next();
      return [{ label: 'the key in other letter case', headers: sign(body, { nowMs }, swapCase(secret)), body }];
    }
    case 'missing-signature': {
      const body = ctx.bodies.next();
      return [{ label: `no ${spec.signature.header}`, headers: withSignature(spec, sign(body), null), body }];
    }
    case 'empty-signature': {
      const body = ctx.bodies.next();
      return [{ label: `empty ${spec.signature.header}`, headers: withSignature(spec, sign(body), ''), body }];
    }
    case 'body-byte-changed': {
      const body = ctx.bodies.next();
      return [{ label: 'one byte changed after signing', headers: sign(body), body: oneByteChanged(body) }];
    }
    case 'body-whitespace-changed': {
      const body = ctx.bodies.next();
      return [{ label: 'whitespace changed after signing', headers: sign(body), body: respaced(body) }];
    }
    case 'stale-timestamp': {
      const body = ctx.bodies.next();
      return [{ label: `signed ${staleSeconds(spec)} s ago`, headers: sign(body, { nowMs: nowMs - staleSeconds(spec) * 1000 }), body }];
    }
    case 'timestamp-replayed': {
      // A request signed a minute ago, its timestamp moved to now: the signature no longer covers it.
      const body = ctx.bodies.next();
      const then = nowMs - 60_000;
      return [{ label: 'signed a minute ago, timestamp set to now', headers: withTimestamp(spec, sign(body, { nowMs: then }), then, nowMs), body }];
    }
    case 'duplicate-acknowledged': {
      const body = ctx.bodies.next();
      const id = newDeliveryId();
      return [
        { label: 'first delivery', headers: sign(body, { nowMs, id }), body },
        { label: 'the same event again (same body and delivery id, signed afresh)', headers: sign(body, { nowMs, id }), body, repeats: 0 },
      ];
    }
    case 'out-of-order-acknowledged': {
      const older = ctx.bodies.next();
      const newer = ctx.bodies.next();
      return [
        { label: 'the newer update first', headers: sign(newer), body: newer },
        { label: 'then the older update', headers: sign(older), body: older },
      ];
    }
    case 'large-event-accepted': {
      const body = ctx.bodies.next({ padTo: LARGE_EVENT_BYTES });
      return [{ label: `a ${Math.round(body.length / 1024)} KiB event`, headers: sign(body), body }];
    }
  }
}

/** The same headers under another timestamp (the timestamp header, or Stripe's `t=`), signature untouched. */
function withTimestamp(spec: ProviderSpec, headers: HeaderField[], thenMs: number, nowMs: number): HeaderField[] {
  const from = String(Math.floor(thenMs / 1000));
  const to = String(Math.floor(nowMs / 1000));
  const tsHeader = spec.timestamp?.header.toLowerCase();
  return headers.map((h) => {
    const name = h.name.toLowerCase();
    if (name === tsHeader) return { name: h.name, value: to };
    if (name === spec.signature.header.toLowerCase()) return { name: h.name, value: h.value.replace(`t=${from}`, `t=${to}`) };
    return h;
  });
}

export interface Probe {
  diagnosis: Exclude<Diagnosis, null>;
  label: string;
  headers: HeaderField[];
  body: Buffer;
  /** The same mistake over a re-spaced body: accepted too, the handler also verifies re-serialised JSON. */
  respaced: { headers: HeaderField[]; body: Buffer } | null;
}

/** Requests signed the way a common mistake expects, for the spec's scheme (none may apply). */
export function probesFor(ctx: StepContext): Probe[] {
  const { spec, secret, nowMs } = ctx;
  const sig = spec.signature;
  if (sig.kind !== 'hmac') return [];
  const signsBody = sig.signedPayload.includes('{body}');
  const probes: Probe[] = [];
  if (sig.format === 'plain' && sig.prefix) {
    const bare = (body: Buffer) => {
      const headers = signedHeaders(ctx, body, secret, { nowMs });
      return withSignature(spec, headers, (headerOf(headers, sig.header) ?? '').slice(sig.prefix.length));
    };
    const body = ctx.bodies.next();
    const other = ctx.bodies.next();
    probes.push({
      diagnosis: 'no-prefix',
      label: `probe: the signature without "${sig.prefix}"`,
      headers: bare(body),
      body,
      respaced: signsBody ? { headers: bare(other), body: respaced(other) } : null,
    });
  }
  // The same scheme with one setting changed: each names a mistake a handler makes with this one.
  const variants: Array<{ diagnosis: Exclude<Diagnosis, null>; label: string; signature: typeof sig } | null> = [
    sig.secretEncoding !== 'utf8' ? { diagnosis: 'secret-as-text', label: "probe: keyed with the secret's text", signature: { ...sig, secretEncoding: 'utf8' } } : null,
    sig.secretEncoding === 'utf8' && secret.startsWith('whsec_')
      ? { diagnosis: 'secret-decoded', label: 'probe: keyed with the secret base64-decoded', signature: { ...sig, secretEncoding: 'whsec' } }
      : null,
    {
      diagnosis: 'other-encoding',
      label: `probe: the signature in ${sig.encoding === 'hex' ? 'base64' : 'hex'}`,
      signature: { ...sig, encoding: sig.encoding === 'hex' ? 'base64' : 'hex' },
    },
  ];
  for (const variant of variants) {
    if (!variant) continue;
    const as = { ...ctx, spec: { ...spec, signature: variant.signature } };
    const body = ctx.bodies.next();
    const other = ctx.bodies.next();
    probes.push({
      diagnosis: variant.diagnosis,
      label: variant.label,
      headers: signedHeaders(as, body, secret, { nowMs }),
      body,
      respaced: signsBody ? { headers: signedHeaders(as, other, secret, { nowMs }), body: respaced(other) } : null,
    });
  }
  return probes;
}
