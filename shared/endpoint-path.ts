// How an endpoint's path prefix is written and what it takes: one definition for the receiver's
// matching and for the endpoint form's warnings (a prefix that would take other paths).

/** A request path falls under an endpoint's prefix on a segment boundary; `/` takes every path. */
export function pathMatches(prefix: string, path: string): boolean {
  if (prefix === '/') return true;
  return path === prefix || path.startsWith(`${prefix}/`);
}

/** Leading slash, no trailing slash (except the root), no query. */
export function normalizePath(path: string): string {
  let p = path.trim().split('?')[0] ?? '';
  if (!p.startsWith('/')) p = `/${p}`;
  while (p.length > 1 && p.endsWith('/')) p = p.slice(0, -1);
  return p;
}
