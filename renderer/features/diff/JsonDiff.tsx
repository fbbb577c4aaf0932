import type { JsonChange } from '../../../shared/diff/types.js';
import { DiffTable } from './DiffTable.js';
import { DiffValue } from './DiffValue.js';

/** Each changed JSON path, with its value in A and in B side by side. */
export function JsonDiff({ changes }: { changes: JsonChange[] }) {
  if (changes.length === 0) return <p className="dim">The JSON bodies are equal (only formatting may differ).</p>;
  const rows = changes.map((c) => ({
    kind: c.kind,
    label: c.path === '' ? '(whole body)' : c.path,
    old: <DiffValue value={c.old} present={c.kind !== 'added'} />,
    new: <DiffValue value={c.new} present={c.kind !== 'removed'} />,
  }));
  return <DiffTable rows={rows} labelHeader="Path" testId="json-diff" />;
}
