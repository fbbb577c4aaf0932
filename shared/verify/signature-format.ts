// Parsing and building the header values of each signature format. Kept apart from the HMAC maths so
// the doctor can reuse the parsing to explain a malformed header.
import type { HeaderField } from '../domain.js';
import { hasHeader } from '../headers.js';
import type { ProviderSpec, SignatureSpec } from '../providers/spec.js';

type HmacSpec = Extract<SignatureSpec, { kind: 'hmac' }>;

export interface ParsedSignatureHeader {
  /** The encoded signatures found (without prefix or version tag). */
  signatures: string[];
  /** A timestamp carried inside the header itself (Stripe's `t=`). */
  timestamp?: string;
  /** Why the value could not be read, when it could not. */
  malformed?: string;
  /** Signatures that lacked the expected prefix: kept so the doctor can name the mistake. */
  missingPrefix?: boolean;
}

export function parseSignatureHeader(spec: HmacSpec, value: string): ParsedSignatureHeader {
  const trimmed = value.trim();
  switch (spec.format) {
    case 'plain': {
      if (!spec.prefix) return { signatures: trimmed ? [trimmed] : [] };
      if (trimmed.startsWith(spec.prefix)) return { signatures: [trimmed.slice(spec.prefix.length)] };
      return { signatures: [trimmed], missingPrefix: true };
    }
    case 'stripe': {
      const signatures: string[] = [];
      let timestamp: string | undefined;
      for (const part of trimmed.split(',')) {
        const eq = part.indexOf('=');
        if (eq < 0) continue;
        const key = part.slice(0, eq).trim();
        const val = part.slice(eq + 1).trim();
        if (key === 't') timestamp = val;
        else if (key === 'v1') signatures.push(val);
      }
      if (timestamp === undefined) return { signatures, malformed: 'no t= timestamp in the header' };
      if (signatures.length === 0) return { signatures, timestamp, malformed: 'no v1= signature in the header' };
      return { signatures, timestamp };
    }
    case 'standard-webhooks': {
      const signatures: string[] = [];
      for (const entry of trimmed.split(' ')) {
        const comma = entry.indexOf(',');
        if (comma < 0) continue;
        if (entry.slice(0, comma) === 'v1') signatures.push(entry.slice(comma + 1));
      }
      if (signatures.length === 0) return { signatures, malformed: 'no v1,<signature> entry in the header' };
      return { signatures };
    }
  }
}

export function formatSignatureHeader(spec: HmacSpec, signature: string, timestamp: string): string {
  switch (spec.format) {
    case 'plain':
      return `${spec.prefix}${signature}`;
    case 'stripe':
      return `t=${timestamp},v1=${signature}`;
    case 'standard-webhooks':
      return `v1,${signature}`;
  }
}

/** The bytes that are signed: the template with `{id}`, `{timestamp}` and the raw `{body}` bytes. */
export function signedPayload(template: string, body: Buffer, id: string, timestamp: string): Buffer {
  if (template === '{body}') return body;
  const parts: Buffer[] = [];
  const re = /\{(id|timestamp|body)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    parts.push(Buffer.from(template.slice(last, m.index), 'utf8'));
    parts.push(m[1] === 'body' ? body : Buffer.from(m[1] === 'id' ? id : timestamp, 'utf8'));
    last = m.index + m[0].length;
  }
  parts.push(Buffer.from(template.slice(last), 'utf8'));
  return Buffer.concat(parts);
}

export function decodeSecret(encoding: HmacSpec['secretEncoding'], secret: string): Buffer {
  switch (encoding) {
    case 'utf8':
      return Buffer.from(secret, 'utf8');
    case 'base64':
      return Buffer.from(secret, 'base64');
    case 'whsec':
      return Buffer.from(secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret, 'base64');
  }
}

/** How far the signed timestamp may be from now, wherever the spec keeps it; null = not checked. */
export function timestampToleranceSec(spec: ProviderSpec): number | null {
  const inHeader = spec.signature.kind === 'hmac' ? spec.signature.toleranceSec : null;
  return spec.timestamp?.toleranceSec ?? inHeader ?? null;
}

export interface LegacyFallback {
  /** The provider's spec with the legacy header, algorithm and prefix in place of the current ones. */
  spec: ProviderSpec;
  /** Prefix for the verdict's reason, e.g. "Legacy SHA-1 signature only". */
  label: string;
  hint: string;
}

/**
 * What to verify with when only the provider's legacy signature header arrived (GitHub's SHA-1
 * `X-Hub-Signature` without `X-Hub-Signature-256`); undefined when the current header is there or
 * there is no legacy scheme. The current header always wins: a legacy one beside it is ignored.
 */
export function legacyFallback(spec: ProviderSpec, headers: readonly HeaderField[]): LegacyFallback | undefined {
  const sig = spec.signature;
  if (sig.kind !== 'hmac' || !sig.legacy) return undefined;
  if (hasHeader(headers, sig.header) || !hasHeader(headers, sig.legacy.header)) return undefined;
  const { legacy, ...current } = sig;
  const old = legacy.algorithm.toUpperCase().replace('SHA', 'SHA-');
  return {
    spec: { ...spec, signature: { ...current, header: legacy.header, algorithm: legacy.algorithm, prefix: legacy.prefix } },
    label: `Legacy ${old} signature only`,
    hint: `Only the legacy ${legacy.header} (HMAC-${old}) arrived, without ${sig.header} (HMAC-${sig.algorithm.toUpperCase().replace('SHA', 'SHA-')}): ${old} is kept for old integrations only; make the sender send ${sig.header} and verify that one.`,
  };
}
