// Body bytes arrive base64-encoded (exact bytes, whatever the encoding); these turn them into
// something to look at.
import { byteOffset, findJsonError } from './json-error.js';

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

export type ParsedJson =
  | { ok: true; value: unknown }
  /** `invalid` when the body claims to be JSON (its type says so, or it opens like an object or array) but is not. */
  | { ok: false; invalid?: InvalidJson };

export interface InvalidJson {
  /** UTF-8 byte offset of the first character that breaks JSON (the body's length: it ended early). */
  byte: number;
  /** UTF-16 index of that character, to show the text around it. */
  index: number;
  expected: string;
}

export function parseJson(text: string, contentType: string | null = null): ParsedJson {
  const trimmed = text.trim();
  const claimsJson = /\bjson\b|\+json/i.test(contentType ?? '') || trimmed.startsWith('{') || trimmed.startsWith('[');
  if (!trimmed || (!claimsJson && !trimmed.startsWith('"') && !/^(-?\d|true|false|null)/.test(trimmed))) return { ok: false };
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    if (!claimsJson) return { ok: false };
    // JSON.parse is the judge; the scan only says where. Should they ever disagree, point at the end.
    const place = findJsonError(text) ?? { index: text.length, expected: 'valid JSON' };
    return { ok: false, invalid: { byte: byteOffset(text, place.index), index: place.index, expected: place.expected } };
  }
}
