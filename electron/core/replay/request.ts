// What a replay sends, decided before anything is sent. As captured: the same method, headers in their
// order and case (hop-by-hop ones are dropped by the outbound client), the exact body bytes. Re-signed:
// the same, with the provider's signing headers (signature, and id/timestamp where the scheme has them)
// recomputed over the bytes sent, in the place the old ones held. An edit (body or headers) is re-signed
// unless the caller says not to, since a stale signature on edited bytes is rarely what anyone wants.
// Messages name the API's options (REPLAY_OPTION_PHRASES): the CLI and the UI reword them.
import { ApiError } from '../../../shared/api/errors.js';
import { REPLAY_OPTION_PHRASES as OPTION } from '../../../shared/api/replay.js';
import type { DeliveryDetail, Endpoint, HeaderField } from '../../../shared/domain.js';
import { replayTargetUrl } from '../../../shared/export/url.js';
import { HEADER_NAME, unsendableHeaderChar } from '../../../shared/headers.js';
import { detectProvider, getProvider } from '../../../shared/providers/registry.js';
import type { ProviderSpec } from '../../../shared/providers/spec.js';
import { signingHeaderNames, signRequest } from '../../../shared/verify/sign.js';
import { HOP_BY_HOP } from '../http/outbound.js';
import { unreadableSecretsNote } from '../endpoint-secrets.js';

export interface ReplayEdits {
  /** Replacement body bytes. */
  body?: Buffer;
  /** Headers to set: each replaces the first header of the same name (any case) in place, or is appended. */
  headers?: readonly HeaderField[];
  /** Header names to drop. */
  removeHeaders?: readonly string[];
}

export interface PlanInput extends ReplayEdits {
  detail: DeliveryDetail;
  endpoint: Endpoint | undefined;
  target: string;
  mode: 'as-captured' | 're-signed';
  secret?: string;
  /** undefined = re-sign when edited; false = never re-sign an edit (edited signing headers go as given). */
  resign?: boolean;
}

export interface ReplayPlan {
  deliveryId: number;
  mode: 'as-captured' | 're-signed';
  edited: boolean;
  method: string;
  url: string;
  headers: HeaderField[];
  body: Buffer;
  signer: { spec: ProviderSpec; secret: string } | null;
}

export interface ReplayRequest {
  method: string;
  url: string;
  headers: HeaderField[];
  body: Buffer;
}

/** Checks and prepares one replay; throws a bad-input ApiError naming what is missing. */
export function planReplay(input: PlanInput): ReplayPlan {
  const { detail } = input;
  const edited = input.body !== undefined || (input.headers?.length ?? 0) > 0 || (input.removeHeaders?.length ?? 0) > 0;
  if (input.mode === 're-signed' && input.resign === false) throw new ApiError('bad-input', 'a re-signed replay cannot also be told not to re-sign');
  const incomplete = incompleteReason(detail);
  if (incomplete && input.body === undefined) {
    throw new ApiError('bad-input', `delivery #${detail.id} ${incomplete}: replaying its first ${detail.size} bytes would not be the request the provider sent (give a body to send instead)`);
  }
  const wantResign = input.mode === 're-signed' || (edited && input.resign !== false);
  const signer = wantResign ? signerFor(input, input.mode === 're-signed') : null;
  const headers = applyHeaderEdits(detail.headers, input);
  checkSendable(headers);
  return {
    deliveryId: detail.id,
    mode: signer ? 're-signed' : 'as-captured',
    edited,
    method: detail.method,
    url: replayTargetUrl(input.target, detail.path, detail.query),
    headers,
    body: input.body ?? Buffer.from(detail.bodyBase64, 'base64'),
    signer,
  };
}

/** Why a capture's body is not the whole request (cut at the size limit, or the sender went away), or null. */
export function incompleteReason(detail: Pick<DeliveryDetail, 'truncated' | 'incomplete'>): string | null {
  if (detail.truncated || detail.incomplete === 'too-large') return 'was truncated at the size limit';
  if (detail.incomplete === 'aborted') return "is incomplete: the sender's connection closed before the whole body arrived";
  if (detail.incomplete === 'malformed') return 'is incomplete: its body was malformed HTTP (a bad chunk), kept up to the fault';
  return null;
}

/**
 * Node refuses to write a header whose name is not an HTTP token or whose value has characters outside
 * Latin-1 or control characters (other than tab); checked here so the caller hears which header, before
 * anything is sent, rather than an internal error from the HTTP client.
 */
function checkSendable(headers: readonly HeaderField[]): void {
  for (const h of headers) {
    if (HOP_BY_HOP.has(h.name.toLowerCase())) continue; // never sent as given
    const line = JSON.stringify(`${h.name}: ${h.value}`.slice(0, 200));
    if (!HEADER_NAME.test(h.name)) {
      throw new ApiError('bad-input', `header ${line} cannot be sent: ${JSON.stringify(h.name)} is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)`);
    }
    const bad = unsendableHeaderChar(h.value);
    if (bad !== undefined) {
      throw new ApiError('bad-input', `header ${line} cannot be sent: its value has ${JSON.stringify(bad)}, and a header value can only hold Latin-1 characters, without control characters other than tab`);
    }
  }
}

/** The request to send now: re-signed plans get a fresh timestamp and id at this moment. */
export function buildRequest(plan: ReplayPlan, nowMs: number): ReplayRequest {
  const base = { method: plan.method, url: plan.url, body: plan.body };
  if (!plan.signer) return { ...base, headers: plan.headers };
  const fresh = signRequest(plan.signer.spec, plan.body, plan.signer.secret, { nowMs });
  return { ...base, headers: replaceInPlace(plan.headers, signingHeaderNames(plan.signer.spec), fresh) };
}

function signerFor(input: PlanInput, required: boolean): ReplayPlan['signer'] {
  const { detail, endpoint } = input;
  const providerId = endpoint?.provider ?? detail.provider;
  const spec = (providerId ? getProvider(providerId) : undefined) ?? detectProvider(detail.headers);
  if (!spec) {
    if (!required) return null; // nothing was signed, so an edit has nothing to re-sign
    throw new ApiError('bad-input', `cannot re-sign delivery #${detail.id}: no provider is known for it (set one on its endpoint, or ${OPTION.asCaptured})`);
  }
  const secret = input.secret ?? endpoint?.secret ?? undefined;
  if (!secret) {
    const alternative = required ? OPTION.asCaptured : OPTION.keepSignature;
    const why = endpoint?.secretsUnreadable ? `; ${unreadableSecretsNote(endpoint)}` : '';
    throw new ApiError('bad-input', `cannot re-sign delivery #${detail.id} as ${spec.name}: no secret (${OPTION.secret}, set one on the endpoint, or ${alternative})${why}`);
  }
  return { spec, secret };
}

function applyHeaderEdits(headers: readonly HeaderField[], edits: ReplayEdits): HeaderField[] {
  const removed = new Set((edits.removeHeaders ?? []).map((n) => n.toLowerCase()));
  const kept = headers.filter((h) => !removed.has(h.name.toLowerCase()));
  if (!edits.headers?.length) return kept;
  return replaceInPlace(kept, edits.headers.map((h) => h.name), edits.headers);
}

/**
 * Drops every header named in `names` and puts each of `replacements` where the first header of its
 * name stood (order and neighbours kept), appending the ones that had no place.
 */
function replaceInPlace(headers: readonly HeaderField[], names: readonly string[], replacements: readonly HeaderField[]): HeaderField[] {
  const dropped = new Set(names.map((n) => n.toLowerCase()));
  const pending = new Map<string, HeaderField[]>();
  for (const r of replacements) {
    const key = r.name.toLowerCase();
    pending.set(key, [...(pending.get(key) ?? []), r]);
  }
  const out: HeaderField[] = [];
  for (const h of headers) {
    const key = h.name.toLowerCase();
    if (!dropped.has(key) && !pending.has(key)) {
      out.push(h);
      continue;
    }
    const fresh = pending.get(key);
    if (fresh) {
      out.push(...fresh);
      pending.delete(key);
    }
  }
  for (const rest of pending.values()) out.push(...rest);
  return out;
}
