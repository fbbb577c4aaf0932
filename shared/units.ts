// Sizes and durations as people write them ("2GB", "512k", "30d", "12h"), parsed in one place for the
// CLI's flags, the stored retention settings and the UI's form.

const BYTE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** Bytes with an optional binary unit: 1048576, 512k, 25m, 2GB, 1.5g (k/m/g/t, with or without "b"/"ib"). Null when not a size. */
export function parseByteSize(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(?:([kmgt])(?:ib?|b)?|b)?$/i.exec(text.trim());
  if (!m) return null;
  const bytes = Math.floor(Number(m[1]) * BYTE_UNITS[(m[2] ?? '').toLowerCase()]!);
  return Number.isSafeInteger(bytes) ? bytes : null;
}

const DURATION_UNITS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** A duration with a unit: 45s, 90m, 12h, 30d, 2w. Null when not a duration. */
export function parseDuration(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*([smhdw])$/i.exec(text.trim());
  if (!m) return null;
  const ms = Math.round(Number(m[1]) * DURATION_UNITS[m[2]!.toLowerCase()]!);
  return Number.isSafeInteger(ms) ? ms : null;
}

const KB = 1024;

/** Compact sizes for people: 512 B, 9.5 KB, 120 KB, 3.4 MB, 1.20 GB. */
export function formatBytes(n: number): string {
  if (n < KB) return `${n} B`;
  if (n < KB * KB) return `${(n / KB).toFixed(n < 10 * KB ? 1 : 0)} KB`;
  if (n < KB * KB * KB) return `${(n / KB / KB).toFixed(1)} MB`;
  return `${(n / KB / KB / KB).toFixed(2)} GB`;
}
