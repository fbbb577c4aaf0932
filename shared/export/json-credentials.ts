// Credential fields inside JSON (Slack's `token`, an `accessToken` echoed back, a `client_secret`,
// an `Authorization` copied into a payload): their values replaced, every other byte kept as it was
// (key order, spacing, escapes, numbers JSON.parse could not hold exactly). A token-by-token scan
// rather than parse-and-print, which would reformat the whole body, and one that needs no valid JSON:
// a body truncated at the size limit, newline-delimited JSON or one with a stray non-UTF-8 byte still
// has its credentials found. Over-redacting is the safe failure: a credential key's whole value goes,
// object or array included.
import { ALWAYS_REDACTED_HEADERS, isCredentialParam } from './credentials.js';

interface Container {
  object: boolean;
  /** In an object: the next string is a key. */
  expectKey: boolean;
  /** In an object: the value that comes next belongs to a credential key (decided once, at the key). */
  credential: boolean;
}

/** Named like a credential, in JSON's usual spellings too: `accessToken`, `Client-Secret`, `Authorization`. */
export function isCredentialKey(key: string): boolean {
  const snake = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  return isCredentialParam(snake) || ALWAYS_REDACTED_HEADERS.includes(snake);
}

/**
 * `text` with the values of credential-named keys replaced by `replacement` (as a JSON string). Works
 * on any string; for bytes, pass them as Latin-1 (one character per byte: JSON's structure is ASCII).
 */
export function redactJsonCredentials(text: string, replacement: string): string {
  const stack: Container[] = [];
  const replaced = JSON.stringify(replacement);
  let out = '';
  let copiedTo = 0;
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    const top = stack.at(-1);
    const inCredentialValue = top?.object === true && !top.expectKey && top.credential;
    if (inCredentialValue && !/[\s:,}\]]/.test(c)) {
      // The whole value, whatever it is: a string, a number, a literal, an object or an array.
      const end = c === '"' ? stringEnd(text, i) : c === '{' || c === '[' ? containerEnd(text, i) : scalarEnd(text, i);
      out += text.slice(copiedTo, i) + replaced;
      copiedTo = end;
      top.credential = false; // what follows (a comma) starts the next key
      i = end;
      continue;
    }
    if (c === '"') {
      const end = stringEnd(text, i);
      if (top?.object && top.expectKey) {
        top.credential = isCredentialKey(keyText(text.slice(i, end)));
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === '{') stack.push({ object: true, expectKey: true, credential: false });
    else if (c === '[') stack.push({ object: false, expectKey: false, credential: false });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top?.object) {
      top.expectKey = true;
      top.credential = false;
    }
    i++;
  }
  return out + text.slice(copiedTo);
}

/** A key as JSON reads it (escapes decoded), or as written when it is not a complete JSON string. */
function keyText(token: string): string {
  try {
    return JSON.parse(token) as string;
  } catch {
    return token.replace(/^"|"$/g, '');
  }
}

/** The index just past the string token starting at `start` (a quote); the end of text if unterminated. */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

/** The index just past the object or array starting at `start`, strings skipped; the end of text if unclosed. */
function containerEnd(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i) - 1;
    else if (c === '{' || c === '[') depth++;
    else if ((c === '}' || c === ']') && --depth === 0) return i + 1;
  }
  return text.length;
}

function scalarEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && !/[\s,}\]]/.test(text[i]!)) i++;
  return i;
}
