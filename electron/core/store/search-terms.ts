// The search index's terms (issue #17): byte trigrams of a block of deliveries, each distinct one
// written once as a word. FTS5's trigram tokenizer made one token per character of every delivery
// (~1,400 for a 1 KB JSON delivery, ~150 µs of CPU: search indexing ran at ~6,500 deliveries a
// second). Here the trigrams of SEARCH_BLOCK consecutive deliveries are collected in JS, each
// distinct one kept once, and FTS5 (tokenizer `ascii`) indexes those words under the block's rowid:
// deliveries of one kind share most of their trigrams, so a 32-delivery block of 1 KB JSON gives
// ~120 words per delivery instead of ~1,400 tokens (bench/RESULTS.md, bench:search-index).
//
// Why the results stay exact: a delivery containing the needle contains every byte trigram of the
// needle (ASCII case folded, as LIKE folds), so its block has all the needle's words; the index only
// narrows the search to candidate blocks, whose deliveries are re-checked with the same LIKE as
// ever (store/delivery-list.ts). Bytes, not characters, so that no decoding can disagree with
// SQLite's: a body that is not valid UTF-8 is left out of the index and scanned (store/search.ts).

/** Deliveries per index row: block k holds the trigrams of ids k*SEARCH_BLOCK+1 … (k+1)*SEARCH_BLOCK. */
export const SEARCH_BLOCK = 32;
/** Needles shorter than a trigram (in UTF-8 bytes) cannot use the index: they are searched with a scan. */
const MIN_INDEXED_BYTES = 3;
/** Terms in one index query: enough to be selective, few enough to stay fast on long needles. */
const MAX_TERMS = 24;

/** The index row (block) holding delivery `id`. */
export function blockOf(id: number): number {
  return Math.floor((id - 1) / SEARCH_BLOCK);
}

/** ASCII A-Z folded to a-z, every other byte as is: exactly LIKE's case folding over UTF-8. */
const FOLD = Uint8Array.from({ length: 256 }, (_, b) => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b));
/** A trigram (24 bits) as a 5-character word the `ascii` tokenizer keeps whole: base 32, lower case. */
const DIGITS = Buffer.from('0123456789abcdefghijklmnopqrstuv', 'latin1');
const WORD_BYTES = 6; // five digits and a space

function writeWord(out: Buffer, at: number, v: number): void {
  out[at] = DIGITS[(v >>> 20) & 31]!;
  out[at + 1] = DIGITS[(v >>> 15) & 31]!;
  out[at + 2] = DIGITS[(v >>> 10) & 31]!;
  out[at + 3] = DIGITS[(v >>> 5) & 31]!;
  out[at + 4] = DIGITS[v & 31]!;
  out[at + 5] = 0x20;
}

/** The distinct trigrams of the texts added since the last take(), as the index row's words. */
export class TrigramCollector {
  /** One bit per possible trigram (2 MB): set while it is in the current block. */
  private readonly seen = new Uint8Array(1 << 21);
  private picked = new Int32Array(4096);
  private count = 0;

  add(bytes: Uint8Array): void {
    const n = bytes.length;
    if (n < 3) return;
    const seen = this.seen;
    let v = (FOLD[bytes[0]!]! << 8) | FOLD[bytes[1]!]!;
    for (let i = 2; i < n; i++) {
      v = ((v << 8) | FOLD[bytes[i]!]!) & 0xffffff;
      const at = v >>> 3;
      const bit = 1 << (v & 7);
      if ((seen[at]! & bit) !== 0) continue;
      seen[at] = seen[at]! | bit;
      if (this.count === this.picked.length) this.grow();
      this.picked[this.count++] = v;
    }
  }

  /** The words of everything added (empty string if nothing), and a fresh start for the next block. */
  take(): string {
    const out = Buffer.allocUnsafe(this.count * WORD_BYTES);
    for (let i = 0; i < this.count; i++) {
      const v = this.picked[i]!;
      this.seen[v >>> 3] = this.seen[v >>> 3]! & ~(1 << (v & 7));
      writeWord(out, i * WORD_BYTES, v);
    }
    this.count = 0;
    return out.toString('latin1');
  }

  /** Forgets what was added (a failed slice: its transaction rolled back). */
  clear(): void {
    for (let i = 0; i < this.count; i++) this.seen[this.picked[i]! >>> 3] = 0;
    this.count = 0;
  }

  private grow(): void {
    const bigger = new Int32Array(this.picked.length * 2);
    bigger.set(this.picked);
    this.picked = bigger;
  }
}

/**
 * The index query for a needle: the words of its distinct trigrams (every one, overlapping: a block
 * holds the trigrams of 32 deliveries, so each extra word prunes more blocks), all required; for a
 * long needle MAX_TERMS of them spread over it. A superset of the blocks with a delivery containing
 * the needle, so callers re-check with LIKE. Null when the index cannot help: fewer than 3 bytes, or
 * a NUL (LIKE reads text only up to a NUL, so such a needle does not mean "contains these bytes";
 * it is searched with a scan).
 */
export function trigramQuery(needle: string): string | null {
  const bytes = Buffer.from(needle, 'utf8');
  if (bytes.length < MIN_INDEXED_BYTES || bytes.includes(0)) return null;
  const starts = Array.from({ length: bytes.length - 2 }, (_, i) => i);
  const picked = starts.length > MAX_TERMS ? spread(starts, MAX_TERMS) : starts;
  const word = Buffer.alloc(WORD_BYTES);
  const terms = new Set(
    picked.map((i) => {
      writeWord(word, 0, (FOLD[bytes[i]!]! << 16) | (FOLD[bytes[i + 1]!]! << 8) | FOLD[bytes[i + 2]!]!);
      return word.toString('latin1', 0, WORD_BYTES - 1);
    }),
  );
  return [...terms].join(' AND ');
}

function spread(values: number[], count: number): number[] {
  const step = (values.length - 1) / (count - 1);
  return Array.from({ length: count }, (_, i) => values[Math.round(i * step)]!);
}
