// Base64 and byte helpers that run in Node and in the browser alike (no Buffer).
// Defined here, not beside the diff that also uses them: exporting and the API's schemas need them
// without loading the diff libraries.
export function decodeBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

// ignoreBOM keeps a leading byte-order mark in the text, so the text still stands for the exact bytes.
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function utf8OrNull(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export function encodeBase64(bytes: Uint8Array): string {
  return btoa(latin1(bytes));
}

/** The bytes as a string of one character per byte (what btoa takes, and a byte-exact text to scan). */
export function latin1(bytes: Uint8Array): string {
  let text = '';
  const CHUNK = 0x8000; // String.fromCharCode takes its arguments on the stack
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return text;
}

/** Every occurrence of `needle` in `haystack` replaced by `replacement`. */
export function replaceBytes(haystack: Uint8Array, needle: Uint8Array, replacement: Uint8Array): Uint8Array {
  if (needle.length === 0) return haystack;
  const parts: Uint8Array[] = [];
  let start = 0;
  let total = 0;
  for (let i = 0; i <= haystack.length - needle.length; ) {
    if (matchesAt(haystack, needle, i)) {
      parts.push(haystack.subarray(start, i), replacement);
      total += i - start + replacement.length;
      i += needle.length;
      start = i;
    } else i++;
  }
  if (start === 0) return haystack;
  parts.push(haystack.subarray(start));
  total += haystack.length - start;
  const out = new Uint8Array(total);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

function matchesAt(haystack: Uint8Array, needle: Uint8Array, at: number): boolean {
  for (let j = 0; j < needle.length; j++) if (haystack[at + j] !== needle[j]) return false;
  return true;
}
