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

/**
 * What a header can carry on the wire, as Node checks it before sending one: a name is an RFC 9110
 * token; a value is Latin-1 without control characters other than tab. One definition for every
 * place that refuses a header before Node would (endpoint responses, replay edits, outbound requests).
 */
export const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
export const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const UNSENDABLE_VALUE_CHAR = /[^\t\x20-\x7e\x80-\xff]/u;

/** The first character (a whole code point) a header value cannot carry, or undefined when it can be sent. */
export function unsendableHeaderChar(value: string): string | undefined {
  return UNSENDABLE_VALUE_CHAR.exec(value)?.[0];
}
