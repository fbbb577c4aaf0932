// Body bytes arrive base64-encoded (exact bytes, whatever the encoding); these turn them into
// something to look at.

export function base64ToBytes(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export interface HexLine {
  offset: string;
  hex: string;
  ascii: string;
}

/** Classic 16-bytes-a-line dump; non-printable bytes show as "." in the ASCII column. */
export function hexLines(bytes: Uint8Array, limit = bytes.length): HexLine[] {
  const lines: HexLine[] = [];
  const end = Math.min(limit, bytes.length);
  for (let start = 0; start < end; start += 16) {
    const chunk = bytes.subarray(start, Math.min(start + 16, end));
    const hexParts: string[] = [];
    let ascii = '';
    chunk.forEach((b, i) => {
      hexParts.push(b.toString(16).padStart(2, '0') + (i === 7 ? ' ' : ''));
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    });
    lines.push({ offset: start.toString(16).padStart(8, '0'), hex: hexParts.join(' '), ascii });
  }
  return lines;
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false };

export function parseJson(text: string): ParsedJson {
  const trimmed = text.trim();
  if (!trimmed || !'{["'.includes(trimmed[0]!) && !/^(-?\d|true|false|null)/.test(trimmed)) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
