// Query and form parameters of a captured request, decoded as a server framework would (`+` as a
// space, percent-escapes decoded), in the order they arrived and with duplicates kept.

export interface Param {
  name: string;
  value: string;
}

export function queryParams(query: string): Param[] {
  if (!query) return [];
  return [...new URLSearchParams(query)].map(([name, value]) => ({ name, value }));
}

/** Form fields of an application/x-www-form-urlencoded body; null for any other body. */
export function formParams(contentType: string | null, bodyText: string | null): Param[] | null {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/x-www-form-urlencoded' || bodyText === null) return null;
  return queryParams(bodyText.trim());
}
