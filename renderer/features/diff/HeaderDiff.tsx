import type { HeaderChange } from '../../../shared/diff/types.js';

/** Headers whose values differ between A and B (names compared without case). */
export function HeaderDiff({ changes }: { changes: HeaderChange[] }) {
  if (changes.length === 0) return <p className="dim">Same headers, same values.</p>;
  return (
    <table className="grid-table diff-table" data-testid="header-diff">
      <thead>
        <tr>
          <th>Header</th>
          <th>A</th>
          <th>B</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c, i) => (
          <tr key={i} className={`diff-${c.kind}`} data-kind={c.kind}>
            <td className="mono diff-path">
              <span className="diff-mark" aria-label={c.kind}>{c.kind === 'added' ? '+' : c.kind === 'removed' ? '−' : '~'}</span>
              {c.name}
            </td>
            <td className="mono break diff-old">{c.old ?? <span className="dim">—</span>}</td>
            <td className="mono break diff-new">{c.new ?? <span className="dim">—</span>}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
