import type { ReactNode } from 'react';

export interface DiffRow {
  kind: 'added' | 'removed' | 'changed';
  label: string;
  old: ReactNode;
  new: ReactNode;
}

const MARK = { added: '+', removed: '−', changed: '~' } as const;

/** The side-by-side table both diffs use: what changed, its value in A, its value in B. */
export function DiffTable({ rows, labelHeader, testId }: { rows: DiffRow[]; labelHeader: string; testId: string }) {
  return (
    <table className="grid-table diff-table" data-testid={testId}>
      <thead>
        <tr>
          <th>{labelHeader}</th>
          <th>A</th>
          <th>B</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row, i) => (
          <tr key={i} className={`diff-${row.kind}`} data-kind={row.kind}>
            <td className="mono diff-path">
              <span className="diff-mark" aria-label={row.kind}>{MARK[row.kind]}</span>
              {row.label}
            </td>
            <td className="diff-old">{row.old}</td>
            <td className="diff-new">{row.new}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
