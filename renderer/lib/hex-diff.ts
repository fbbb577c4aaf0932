// Two binary bodies compared as hex dumps, line by line (16 bytes a line, as the hex view shows them):
// the lines that differ are the byte ranges that differ. Only the first HEX_DIFF_LIMIT bytes of each
// are compared, so a pair of large files cannot freeze the view.
import { diffLines } from '../../shared/diff/text.js';
import type { LineChange } from '../../shared/diff/types.js';
import { hexLines } from './bytes.js';

export const HEX_DIFF_LIMIT = 64 * 1024;

function dump(bytes: Uint8Array): string {
  return hexLines(bytes, HEX_DIFF_LIMIT)
    .map((l) => `${l.offset}  ${l.hex.padEnd(48)}  ${l.ascii}\n`)
    .join('');
}

export function hexDiff(a: Uint8Array, b: Uint8Array): { lines: LineChange[]; cut: boolean } {
  return { lines: diffLines(dump(a), dump(b)), cut: a.length > HEX_DIFF_LIMIT || b.length > HEX_DIFF_LIMIT };
}
