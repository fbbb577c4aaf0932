// Headers edited as text, one "Name: value" a line, and what the replay API needs from an edit: the
// headers to set and the names to drop. The API replaces every header of a name it is given, so an
// edit is described name by name: all the edited lines of each name that changed.
import type { HeaderField } from '../../shared/domain.js';
import { HEADER_NAME, unsendableHeaderChar } from '../../shared/headers.js';

export function headersToText(headers: readonly HeaderField[]): string {
  return headers.map((h) => `${h.name}: ${h.value}`).join('\n');
}

export type ParsedHeaders = { ok: true; headers: HeaderField[] } | { ok: false; message: string };

export function parseHeadersText(text: string): ParsedHeaders {
  const headers: HeaderField[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (!line.trim()) continue;
    const colon = line.indexOf(':');
    if (colon <= 0) return { ok: false, message: `Header line ${i + 1} needs "Name: value": ${line.slice(0, 60)}` };
    const header = { name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() };
    if (!HEADER_NAME.test(header.name)) return { ok: false, message: `Header line ${i + 1}: "${header.name.slice(0, 60)}" is not a valid header name (letters, digits and !#$%&'*+-.^_\`|~ only)` };
    const bad = unsendableHeaderChar(header.value);
    if (bad !== undefined) return { ok: false, message: `Header line ${i + 1}: a header value can only hold Latin-1 characters without control characters, not ${JSON.stringify(bad)}` };
    headers.push(header);
  }
  return { ok: true, headers };
}

/**
 * Headers to set and names to remove, turning `original` into `edited`: for every name whose lines
 * changed in any way (a value, the name's case, one line more or less), all its edited lines, in order.
 */
export function headerEdits(original: readonly HeaderField[], edited: readonly HeaderField[]) {
  const before = linesByName(original);
  const after = linesByName(edited);
  const changed = (name: string) => before.get(name)?.join('\n') !== after.get(name)?.join('\n');
  const set = edited.filter((h) => changed(h.name.toLowerCase()));
  const remove = [...before.keys()].filter((name) => !after.has(name));
  return { set, remove };
}

/** Each header name (lower case) with its lines as written, in order. */
function linesByName(headers: readonly HeaderField[]): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const h of headers) {
    const name = h.name.toLowerCase();
    byName.set(name, [...(byName.get(name) ?? []), `${h.name}: ${h.value}`]);
  }
  return byName;
}

export function textToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
