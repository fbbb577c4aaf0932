import type { JsonChange } from '../../../shared/diff/types.js';
import { DiffValue } from './DiffValue.js';

/** Each changed JSON path, with its value in A and in B side by side. */
export function JsonDiff({ changes }: { changes: JsonChange[] }) {
  if (changes.length === 0) return <p className="dim">The JSON bodies are equal (only formatting may differ).</p>;
  return (
    <table className="grid-table diff-table" data-testid="json-diff">
      <thead>
        <tr>
          <th>Path</th>
          <th>A</th>
          <th>B</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i} className={`diff-${c.kind}`} data-kind={c.kind}>
            <td className="mono diff-path">
              <span className="diff-mark" aria-label={c.kind}>{c.kind === 'added' ? '+' : c.kind === 'removed' ? '−' : '~'}</span>
              {c.path === '' ? '(whole body)' : c.path}
            </td>
            <td className="diff-old">
              <DiffValue value={c.old} present={c.kind !== 'added'} />
            </td>
            <td className="diff-new">
              <DiffValue value={c.new} present={c.kind !== 'removed'} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
