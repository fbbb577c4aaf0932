// Signing as a provider does, over the exact bytes that will be sent. The sender and re-signed replays
// both come through here, so what Hookscope sends always verifies with the same spec.
import { randomUUID } from 'node:crypto';
import type { HeaderField } from '../domain.js';
import type { ProviderSpec } from '../providers/spec.js';
import { hmac } from './crypto.js';
import { decodeSecret, formatSignatureHeader, signedPayload } from './signature-format.js';

export interface SignContext {
  nowMs: number;
  /** Delivery id for schemes that carry one; a fresh one is made when absent. */
  id?: string;
}

/** The headers that authenticate `body` as `spec`'s provider would send them. */
export function signRequest(spec: ProviderSpec, body: Buffer, secret: string, ctx: SignContext): HeaderField[] {
  const sig = spec.signature;
  if (sig.kind === 'static-key') return [{ name: sig.header, value: secret }];
  const timestamp = String(Math.floor(ctx.nowMs / 1000));
  const id = ctx.id ?? `msg_${randomUUID().replace(/-/g, '')}`;
  const payload = signedPayload(sig.signedPayload, body, id, timestamp);
  const digest = hmac(sig.algorithm, decodeSecret(sig.secretEncoding, secret), payload).toString(sig.encoding);
  const headers: HeaderField[] = [];
  if (spec.idHeader) headers.push({ name: spec.idHeader, value: id });
  if (spec.timestamp) headers.push({ name: spec.timestamp.header, value: timestamp });
  headers.push({ name: sig.header, value: formatSignatureHeader(sig, digest, timestamp) });
  return headers;
}

/** Names of the headers `signRequest` sets, so a re-sign can drop the stale ones first. */
export function signingHeaderNames(spec: ProviderSpec): string[] {
  const names = [spec.signature.header];
  if (spec.idHeader) names.push(spec.idHeader);
  if (spec.timestamp) names.push(spec.timestamp.header);
  return names;
}
