import type { JsonChange } from '../../../shared/diff/types.js';
import { DiffTable } from './DiffTable.js';
import { DiffValue } from './DiffValue.js';

/** Each changed JSON path, with its value in A and in B side by side. */
export function JsonDiff({ changes }: { changes: JsonChange[] }) {
  // The core diffs such bodies as text instead (see shared/diff/message.ts); this only guards the view.
  if (changes.length === 0) return <p className="dim">No change between the parsed JSON values.</p>;
  const rows = changes.map((c) => ({
    kind: c.kind,
    label: c.path === '' ? '(whole body)' : c.path,
    old: <DiffValue value={c.old} present={c.kind !== 'added'} />,
    new: <DiffValue value={c.new} present={c.kind !== 'removed'} />,
  }));
  return <DiffTable rows={rows} labelHeader="Path" testId="json-diff" />;
}
