// Binary bodies compared as hex dumps: the changed 16-byte lines, and only the first bytes of big ones.
import { describe, expect, it } from 'vitest';
import { HEX_DIFF_LIMIT, hexDiff } from '../../../renderer/lib/hex-diff.js';

const bytes = (...values: number[]) => Uint8Array.from(values);

describe('hexDiff', () => {
  it('shows the line holding a changed byte as removed and added, the others as equal', () => {
    const a = new Uint8Array(48).fill(0x00);
    const b = a.slice();
    b[20] = 0xff;
    const { lines, cut } = hexDiff(a, b);
    expect(cut).toBe(false);
    const removed = lines.filter((l) => l.kind === 'removed').map((l) => l.text);
    const added = lines.filter((l) => l.kind === 'added').map((l) => l.text);
    expect(removed.join('')).toMatch(/^00000010 {2}00 00 00 00 00/);
    expect(added.join('')).toMatch(/^00000010 {2}00 00 00 00 ff/);
    expect(lines.filter((l) => l.kind === 'equal').map((l) => l.text).join('')).toContain('00000000');
    expect(lines.filter((l) => l.kind === 'equal').map((l) => l.text).join('')).toContain('00000020');
  });

  it('gives no change for identical bytes, and an added line for bytes appended', () => {
    expect(hexDiff(bytes(1, 2, 3), bytes(1, 2, 3)).lines.every((l) => l.kind === 'equal')).toBe(true);
    const grown = hexDiff(new Uint8Array(16), new Uint8Array(17));
    expect(grown.lines.find((l) => l.kind === 'added')?.text).toMatch(/^00000010 {2}00 /);
  });

  it('compares only the first bytes of large bodies, and says so', () => {
    const big = new Uint8Array(HEX_DIFF_LIMIT + 100);
    const other = big.slice();
    other[HEX_DIFF_LIMIT + 50] = 1; // beyond the limit: not compared
    const { lines, cut } = hexDiff(big, other);
    expect(cut).toBe(true);
    expect(lines.every((l) => l.kind === 'equal')).toBe(true);
  });
});
