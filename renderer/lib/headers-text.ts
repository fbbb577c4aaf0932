// Headers edited as text, one "Name: value" a line, and what the replay API needs from an edit: the
// headers to set and the names to drop.
import type { HeaderField } from '../../shared/domain.js';

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
    headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return { ok: true, headers };
}

/** Headers to set (new or changed) and names to remove, turning `original` into `edited`. */
export function headerEdits(original: readonly HeaderField[], edited: readonly HeaderField[]) {
  const key = (h: HeaderField) => `${h.name.toLowerCase()}\n${h.value}`;
  const before = new Set(original.map(key));
  const keptNames = new Set(edited.map((h) => h.name.toLowerCase()));
  const set = edited.filter((h) => !before.has(key(h)));
  const remove = [...new Set(original.map((h) => h.name.toLowerCase()).filter((n) => !keptNames.has(n)))];
  return { set, remove };
}

export function textToBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
