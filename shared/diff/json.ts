// Structural JSON diff as a flat list of changes, built on jsondiffpatch. Array items are matched by
// identity (`id`, then `key`, then `name`) where they carry one, so inserting an item reads as one
// addition rather than as every later item changed; items without an identity match by position.
// Moves are not detected: an item that moved reads as removed at its old index and added at its new.
import { create, type Delta } from 'jsondiffpatch';
import type { JsonChange } from './types.js';

type Segment = string | number;

const IDENTITY_KEYS = ['id', 'key', 'name'] as const;

function identityOf(item: object, index?: number): string {
  const record = item as Record<string, unknown>;
  for (const key of IDENTITY_KEYS) {
    const value = record[key];
    if (typeof value === 'string' || typeof value === 'number') return `${key}:${String(value)}`;
  }
  return `#position:${index ?? -1}`;
}

const differ = create({ objectHash: identityOf, arrays: { detectMove: false } });

export function diffJson(oldValue: unknown, newValue: unknown): JsonChange[] {
  const out: JsonChange[] = [];
  walk(differ.diff(oldValue, newValue), [], out);
  return out;
}

/** `['data', 'items', 2, 'name']` → `data.items.2.name`. */
export function formatPath(path: readonly Segment[]): string {
  return path.map(String).join('.');
}

function walk(delta: Delta, path: Segment[], out: JsonChange[]): void {
  if (delta === undefined) return;
  if (Array.isArray(delta)) return leaf(delta, path, out);
  const record = delta as Record<string, Delta>;
  if ((delta as { _t?: unknown })._t === 'a') return walkArray(record, path, out);
  for (const key of Object.keys(record)) walk(record[key], [...path, key], out);
}

/** jsondiffpatch's leaf deltas: [new] added, [old, new] changed, [old, 0, 0] removed. */
function leaf(delta: unknown[], path: Segment[], out: JsonChange[]): void {
  const at = formatPath(path);
  if (delta.length === 1) out.push({ path: at, kind: 'added', new: delta[0] });
  else if (delta.length === 2) out.push({ path: at, kind: 'changed', old: delta[0], new: delta[1] });
  else if (delta[2] === 0) out.push({ path: at, kind: 'removed', old: delta[0] });
}

/** Array deltas key removals by old index (`_3`) and the rest by new index (`3`); report in index order. */
function walkArray(delta: Record<string, Delta>, path: Segment[], out: JsonChange[]): void {
  const entries = Object.keys(delta)
    .filter((key) => key !== '_t')
    .map((key) => ({ key, index: Number(key.replace(/^_/, '')), removal: key.startsWith('_') }))
    .sort((a, b) => a.index - b.index || Number(b.removal) - Number(a.removal));
  for (const { key, index } of entries) walk(delta[key], [...path, index], out);
}
