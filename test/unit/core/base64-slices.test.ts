// decodeBase64InSlices (electron/core/replay/base64-slices.ts): replay.send's edited body decoded in
// slices with the event loop running between them, byte for byte what Buffer.from(text, 'base64') gives.
import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeBase64InSlices } from '../../../electron/core/replay/base64-slices.js';

const SLICE = 16; // small slices: many of them on small inputs

describe('decodeBase64InSlices', () => {
  it('gives the bytes Buffer.from gives, for every length across slice boundaries', async () => {
    for (let size = 0; size <= 80; size++) {
      const bytes = crypto.randomBytes(size);
      for (const text of [bytes.toString('base64'), bytes.toString('base64').replace(/=+$/, ''), bytes.toString('base64url')]) {
        expect((await decodeBase64InSlices(text, SLICE)).equals(Buffer.from(text, 'base64')), `${size} bytes: ${text}`).toBe(true);
      }
    }
  });

  it('decodes text Node reads leniently (whitespace, padding inside, stray characters) as Buffer.from does', async () => {
    const text = crypto.randomBytes(60).toString('base64');
    for (const odd of [`${text.slice(0, 10)}\n${text.slice(10)}`, `${text.slice(0, 30)} ${text.slice(30)}`, `QQ==${text}`, `${text.slice(0, 20)}!*${text.slice(20)}`]) {
      expect((await decodeBase64InSlices(odd, SLICE)).equals(Buffer.from(odd, 'base64')), odd).toBe(true);
    }
  });

  it('lets the event loop run between slices of a large body', async () => {
    const bytes = crypto.randomBytes(3 * 1024 * 1024);
    let turns = 0;
    let counting = true;
    const count = () => {
      if (!counting) return;
      turns++;
      setImmediate(count);
    };
    setImmediate(count);
    const decoded = await decodeBase64InSlices(bytes.toString('base64'), 256 * 1024);
    counting = false;
    expect(decoded.equals(bytes)).toBe(true);
    // 4 MiB of base64 in 256 KiB slices: 16 slices, so the loop turned between them.
    expect(turns).toBeGreaterThanOrEqual(15);
  });

  it('refuses a slice size that is not a positive multiple of 4', async () => {
    await expect(decodeBase64InSlices('QUJD', 6)).rejects.toThrow(/multiple of 4/);
  });
});
