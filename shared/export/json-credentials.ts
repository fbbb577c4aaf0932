// Credential fields inside a JSON body (Slack's `token`, an `api_key` echoed back, a `client_secret`):
// their values replaced, every other byte of the body kept as it was (key order, spacing, escapes,
// numbers JSON.parse could not hold exactly). A token-by-token scan rather than parse-and-print, which
// would reformat the whole body.
import { isCredentialParam } from './credentials.js';

interface Container {
  object: boolean;
  /** In an object: the next string is a key. */
  expectKey: boolean;
  /** In an object: the key whose value comes next (null before the colon or after a comma). */
  key: string | null;
}

/** `text` with the scalar values of credential-named keys replaced by `replacement` (a JSON string). */
export function redactJsonCredentials(text: string, replacement: string): string {
  const stack: Container[] = [];
  const replaced = JSON.stringify(replacement);
  let out = '';
  let copiedTo = 0;
  const replace = (from: number, to: number) => {
    out += text.slice(copiedTo, from) + replaced;
    copiedTo = to;
  };
  for (let i = 0; i < text.length; ) {
    const c = text[i]!;
    const top = stack.at(-1);
    const inValueOfCredential = top?.object === true && !top.expectKey && top.key !== null && isCredentialParam(top.key);
    if (c === '"') {
      const end = stringEnd(text, i);
      if (top?.object && top.expectKey) {
        top.key = JSON.parse(text.slice(i, end)) as string;
        top.expectKey = false;
      } else if (inValueOfCredential) {
        replace(i, end);
      }
      i = end;
      continue;
    }
    if (inValueOfCredential && /[-0-9tfn]/.test(c)) {
      // A number, true, false or null: as much a credential as a string (a numeric PIN, say).
      const end = scalarEnd(text, i);
      replace(i, end);
      i = end;
      continue;
    }
    if (c === '{') stack.push({ object: true, expectKey: true, key: null });
    else if (c === '[') stack.push({ object: false, expectKey: false, key: null });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',' && top?.object) {
      top.expectKey = true;
      top.key = null;
    }
    i++;
  }
  return out + text.slice(copiedTo);
}

/** The index just past the string token starting at `start` (a quote). */
function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"') return i + 1;
  }
  return text.length;
}

function scalarEnd(text: string, start: number): number {
  let i = start;
  while (i < text.length && !/[\s,}\]]/.test(text[i]!)) i++;
  return i;
}
