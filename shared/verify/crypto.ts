// The only place that touches node:crypto for signatures. Comparisons are constant-time for equal
// lengths and never throw on a length mismatch (a classic crash in copy-pasted handlers).
import { createHmac, timingSafeEqual } from 'node:crypto';

export type HmacAlgorithm = 'sha1' | 'sha256' | 'sha512';

export function hmac(algorithm: HmacAlgorithm, key: Buffer, payload: Buffer): Buffer {
  return createHmac(algorithm, key).update(payload).digest();
}

/** Constant-time equality of two byte strings; unequal lengths compare as false without throwing. */
export function safeEqual(a: Buffer, b: Buffer): boolean {
  if (a.length !== b.length) {
    timingSafeEqual(a, a); // spend comparable time, then say no
    return false;
  }
  return timingSafeEqual(a, b);
}

export function safeEqualText(a: string, b: string): boolean {
  return safeEqual(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
