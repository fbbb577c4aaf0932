// Header diff: names compare case-insensitively (HTTP says they are the same header), values in order,
// duplicates joined with ", " as HTTP would combine them. The name shown is the newer message's spelling.
import type { HeaderField } from '../domain.js';
import type { HeaderChange } from './types.js';

interface Grouped {
  name: string;
  value: string;
}

function group(headers: readonly HeaderField[]): Map<string, Grouped> {
  const byName = new Map<string, { name: string; values: string[] }>();
  for (const h of headers) {
    const key = h.name.toLowerCase();
    const entry = byName.get(key);
    if (entry) entry.values.push(h.value);
    else byName.set(key, { name: h.name, values: [h.value] });
  }
  return new Map([...byName].map(([key, e]) => [key, { name: e.name, value: e.values.join(', ') }]));
}

export function diffHeaders(oldHeaders: readonly HeaderField[], newHeaders: readonly HeaderField[]): HeaderChange[] {
  const before = group(oldHeaders);
  const after = group(newHeaders);
  const out: HeaderChange[] = [];
  for (const [key, a] of before) {
    const b = after.get(key);
    if (!b) out.push({ name: a.name, kind: 'removed', old: a.value });
    else if (a.value !== b.value) out.push({ name: b.name, kind: 'changed', old: a.value, new: b.value });
  }
  for (const [key, b] of after) {
    if (!before.has(key)) out.push({ name: b.name, kind: 'added', new: b.value });
  }
  return out;
}
