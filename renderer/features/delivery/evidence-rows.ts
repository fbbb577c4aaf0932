// What the evidence table shows and in which colour. The signature part alone is compared with the
// expected digest (a GitHub header is `sha256=<hex>`, the digest is `<hex>`): comparing whole headers
// painted every valid prefixed signature red, the very look of the real missing-prefix mistake. A
// valid verdict never gets the error colour, whatever the evidence says.
import type { Verification, VerificationEvidence } from '../../../shared/domain.js';
import { formatSeconds } from '../../../shared/verify/seconds.js';

export type Tone = 'match' | 'mismatch' | 'neutral';

export interface EvidenceRow {
  label: string;
  value: string;
  tone: Tone;
  /** A short explanation beside the value (a timestamp's age and window). */
  note?: string;
}

/**
 * The signatures carried by a header value, for verdicts stored before the verifier recorded them:
 * Stripe's `t=…,v1=…`, Standard Webhooks' space-separated `v1,<sig>`, or one signature after a
 * `name=` prefix (`sha256=`, `v0=`).
 */
export function signaturesOf(received: string): string[] {
  const value = received.trim();
  if (/(^|,)\s*v1=/.test(value)) {
    return value
      .split(',')
      .map((part) => part.trim())
      .filter((part) => part.startsWith('v1='))
      .map((part) => part.slice(3));
  }
  const tagged = value.split(/\s+/).filter((entry) => /^v\d+,/.test(entry));
  if (tagged.length > 0) return tagged.map((entry) => entry.slice(entry.indexOf(',') + 1));
  const prefixed = /^[A-Za-z0-9]{1,10}=(?=[^=])/.exec(value);
  return [prefixed ? value.slice(prefixed[0].length) : value];
}

export function evidenceRows(verification: Pick<Verification, 'status' | 'evidence'>): EvidenceRow[] {
  const evidence = verification.evidence;
  if (!evidence) return [];
  const valid = verification.status === 'valid';
  const judged = (ok: boolean): Tone => (ok || valid ? 'match' : 'mismatch');
  const rows: EvidenceRow[] = [];
  if (evidence.scheme) rows.push({ label: 'Scheme', value: evidence.scheme, tone: 'neutral' });
  if (evidence.header) rows.push({ label: 'Header', value: evidence.header, tone: 'neutral' });
  const { received, expected } = evidence;
  const hmac = evidence.signatures !== undefined || (evidence.scheme?.startsWith('HMAC') ?? false);
  if (received !== undefined && hmac) {
    const signatures = evidence.signatures ?? signaturesOf(received);
    const matches = expected !== undefined && signatures.includes(expected);
    if (signatures.length !== 1 || signatures[0] !== received) rows.push({ label: 'Header value', value: received, tone: 'neutral' });
    for (const [i, signature] of signatures.entries()) {
      const label = signatures.length > 1 ? `Signature ${i + 1}` : 'Signature';
      // Of several signatures (a sender signing with two secrets), the one that matched shows it; the
      // others of a valid verdict are no fault.
      const tone: Tone = expected === undefined ? 'neutral' : signature === expected ? 'match' : valid ? 'neutral' : 'mismatch';
      rows.push({ label, value: signature, tone });
    }
    if (expected !== undefined) rows.push({ label: 'Expected', value: expected, tone: judged(matches) });
  } else {
    if (received !== undefined) rows.push({ label: 'Received', value: received, tone: expected === undefined ? 'neutral' : judged(received === expected) });
    if (expected !== undefined) rows.push({ label: 'Expected', value: expected, tone: judged(received === expected) });
  }
  if (evidence.timestamp) rows.push(timestampRow(evidence.timestamp, valid));
  return rows;
}

function timestampRow(ts: NonNullable<VerificationEvidence['timestamp']>, valid: boolean): EvidenceRow {
  const label = 'Timestamp';
  if (ts.ageSec === null) return { label, value: ts.value, tone: valid ? 'neutral' : 'mismatch', note: 'not a number of unix seconds' };
  const distance = formatSeconds(Math.abs(ts.ageSec));
  const age = ts.ageSec >= 0 ? `${distance} old when it arrived` : `${distance} in the future when it arrived`;
  if (ts.toleranceSec === null) return { label, value: ts.value, tone: 'neutral', note: `${age} · not checked by this scheme` };
  const window = `tolerance ±${formatSeconds(ts.toleranceSec)}`;
  const inside = Math.abs(ts.ageSec) <= ts.toleranceSec;
  return { label, value: ts.value, tone: inside || valid ? 'match' : 'mismatch', note: `${age} · ${window}${inside ? '' : ': outside it'}` };
}
