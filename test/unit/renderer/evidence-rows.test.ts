// The evidence table's rows and colours: the signature part compared alone, a valid verdict never in
// the error colour, and a stale timestamp shown as the one thing wrong.
import { describe, expect, it } from 'vitest';
import type { Verification } from '../../../shared/domain.js';
import { evidenceRows, signaturesOf } from '../../../renderer/features/delivery/evidence-rows.js';

const HEX = 'a'.repeat(64);
const OTHER = 'b'.repeat(64);
const tones = (v: Pick<Verification, 'status' | 'evidence'>) => Object.fromEntries(evidenceRows(v).map((r) => [r.label, r.tone]));

describe('signatures read from a header value stored without them', () => {
  it.each([
    ['a sha256= prefix', `sha256=${HEX}`, [HEX]],
    ['Slack\'s v0= prefix', `v0=${HEX}`, [HEX]],
    ['Stripe\'s t=…,v1=…,v1=…', `t=1700000000,v1=${HEX},v1=${OTHER}`, [HEX, OTHER]],
    ['Standard Webhooks entries', 'v1,abc= v1,def=', ['abc=', 'def=']],
    ['a bare digest', HEX, [HEX]],
    ['a bare base64 digest ending in =', 'AAAA=', ['AAAA=']],
  ])('%s', (_what, value, expected) => {
    expect(signaturesOf(value)).toEqual(expected);
  });
});

describe('evidence rows', () => {
  it('shows a valid GitHub delivery\'s signature and expected digest as a match', () => {
    const rows = evidenceRows({ status: 'valid', evidence: { header: 'X-Hub-Signature-256', received: `sha256=${HEX}`, expected: HEX, signatures: [HEX], scheme: 'HMAC-SHA256 (hex) of the raw body' } });
    expect(rows.map((r) => [r.label, r.value, r.tone])).toEqual([
      ['Scheme', 'HMAC-SHA256 (hex) of the raw body', 'neutral'],
      ['Header', 'X-Hub-Signature-256', 'neutral'],
      ['Header value', `sha256=${HEX}`, 'neutral'],
      ['Signature', HEX, 'match'],
      ['Expected', HEX, 'match'],
    ]);
  });

  it('reads the signature out of a verdict stored before signatures were recorded', () => {
    expect(tones({ status: 'valid', evidence: { received: `sha256=${HEX}`, expected: HEX, scheme: 'HMAC-SHA256 (hex) of the raw body' } })).toMatchObject({ Signature: 'match', Expected: 'match' });
  });

  it('shows a mismatch in the error colour', () => {
    expect(tones({ status: 'invalid', evidence: { received: `sha256=${OTHER}`, expected: HEX, signatures: [OTHER], scheme: 'HMAC-SHA256' } })).toMatchObject({ Signature: 'mismatch', Expected: 'mismatch' });
  });

  it('leaves out the header value when it is the signature itself', () => {
    const labels = evidenceRows({ status: 'valid', evidence: { received: HEX, expected: HEX, signatures: [HEX], scheme: 'HMAC' } }).map((r) => r.label);
    expect(labels).toEqual(['Scheme', 'Signature', 'Expected']);
  });

  it('marks which of several signatures matched, and the others of a valid verdict as no fault', () => {
    const rows = tones({ status: 'valid', evidence: { received: `t=1,v1=${OTHER},v1=${HEX}`, expected: HEX, signatures: [OTHER, HEX], scheme: 'HMAC' } });
    expect(rows).toMatchObject({ 'Signature 1': 'neutral', 'Signature 2': 'match', Expected: 'match' });
  });

  it('shows a stale timestamp as the one thing wrong when the signature matches', () => {
    const rows = evidenceRows({
      status: 'invalid',
      evidence: { received: `t=1700000000,v1=${HEX}`, expected: HEX, signatures: [HEX], scheme: 'HMAC', timestamp: { header: 'Stripe-Signature', value: '1700000000', ageSec: 600, toleranceSec: 300 } },
    });
    expect(rows.filter((r) => r.tone === 'mismatch').map((r) => r.label)).toEqual(['Timestamp']);
    expect(rows.find((r) => r.label === 'Timestamp')!.note).toBe('10 min old when it arrived · tolerance ±5 min: outside it');
  });

  it('gives a timestamp within the window its age and the tolerance', () => {
    const row = evidenceRows({ status: 'valid', evidence: { scheme: 'HMAC', timestamp: { header: 'webhook-timestamp', value: '1', ageSec: 3, toleranceSec: 300 } } })[1]!;
    expect(row).toMatchObject({ label: 'Timestamp', tone: 'match', note: '3 s old when it arrived · tolerance ±5 min' });
  });

  it('says so when the scheme does not check its timestamp', () => {
    const row = evidenceRows({ status: 'valid', evidence: { timestamp: { header: 'X-Webhook-Timestamp', value: '1', ageSec: -120, toleranceSec: null } } })[0]!;
    expect(row).toMatchObject({ tone: 'neutral', note: '2 min in the future when it arrived · not checked by this scheme' });
  });

  it('never uses the error colour for a valid verdict', () => {
    const odd = { status: 'valid' as const, evidence: { received: 'x', expected: 'y', scheme: 'static shared key', timestamp: { header: 't', value: 'abc', ageSec: null, toleranceSec: 300 } } };
    expect(evidenceRows(odd).some((r) => r.tone === 'mismatch')).toBe(false);
  });

  it('compares a static key\'s masked values as they are', () => {
    expect(tones({ status: 'invalid', evidence: { received: 'abc…yz (12 chars)', expected: 'def…yz (12 chars)', scheme: 'static shared key' } })).toMatchObject({ Received: 'mismatch', Expected: 'mismatch' });
  });
});
