// Diff of two messages (a delivery, a replay's request or response): headers always; the body as JSON
// when both sides parse, as lines when both are UTF-8 text, else only whether the bytes are equal.
// JSON.parse loses what a structural diff cannot see (numbers beyond a double's precision, the first
// of two duplicate keys, formatting): when the bytes differ but the parsed values do not, the body is
// diffed as lines and flagged `jsonEquivalent`, so no one is told "equal" by a diff the bytes contradict.
import type { HeaderField } from '../domain.js';
import { decodeBase64, utf8OrNull } from '../export/bytes.js';
import { diffHeaders } from './headers.js';
import { diffJson } from './json.js';
import { diffLines } from './text.js';
import type { MessageDiff } from './types.js';

export interface DiffableMessage {
  headers: readonly HeaderField[];
  /** Exact body bytes, base64 (as the API carries them). */
  bodyBase64: string;
}

export function diffMessages(oldMessage: DiffableMessage, newMessage: DiffableMessage): MessageDiff {
  const a = decodeBase64(oldMessage.bodyBase64);
  const b = decodeBase64(newMessage.bodyBase64);
  const headers = diffHeaders(oldMessage.headers, newMessage.headers);
  const bodyEqual = bytesEqual(a, b);
  const base = { bodyEqual, equal: bodyEqual && headers.length === 0, size: { old: a.length, new: b.length }, headers };
  const textA = utf8OrNull(a);
  const textB = utf8OrNull(b);
  if (textA === null || textB === null) return { ...base, format: 'binary', changes: [], lines: [] };
  const jsonA = jsonOrUndefined(textA);
  const jsonB = jsonOrUndefined(textB);
  if (jsonA !== undefined && jsonB !== undefined) {
    const changes = diffJson(jsonA.value, jsonB.value);
    if (changes.length > 0 || bodyEqual) return { ...base, format: 'json', changes, lines: [] };
    return { ...base, format: 'text', jsonEquivalent: true, changes: [], lines: diffLines(textA, textB) };
  }
  return { ...base, format: 'text', changes: [], lines: bodyEqual ? [] : diffLines(textA, textB) };
}

/** The parsed value in a box (so a body of `null` is still JSON), or undefined when it is not JSON. */
function jsonOrUndefined(text: string): { value: unknown } | undefined {
  if (text.trim() === '') return undefined;
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
