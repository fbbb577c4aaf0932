// Case-insensitive look-ups over headers kept as received (order, case and duplicates intact).
import type { HeaderField } from './domain.js';

export function headerValues(headers: readonly HeaderField[], name: string): string[] {
  const wanted = name.toLowerCase();
  return headers.filter((h) => h.name.toLowerCase() === wanted).map((h) => h.value);
}

export function headerValue(headers: readonly HeaderField[], name: string): string | undefined {
  return headerValues(headers, name)[0];
}

export function hasHeader(headers: readonly HeaderField[], name: string): boolean {
  return headerValue(headers, name) !== undefined;
}

/** Node's `rawHeaders` ([name, value, name, value, …]) as fields. */
export function fromRawHeaders(raw: readonly string[]): HeaderField[] {
  const fields: HeaderField[] = [];
  for (let i = 0; i + 1 < raw.length; i += 2) fields.push({ name: raw[i]!, value: raw[i + 1]! });
  return fields;
}
