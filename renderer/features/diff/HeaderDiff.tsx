import type { HeaderChange } from '../../../shared/diff/types.js';
import { DiffTable } from './DiffTable.js';

const orDash = (value: string | null | undefined) => (value == null ? <span className="dim">—</span> : value);

/** Headers whose values differ between A and B (names compared without case). */
export function HeaderDiff({ changes }: { changes: HeaderChange[] }) {
  if (changes.length === 0) return <p className="dim">Same headers, same values.</p>;
  const rows = changes.map((c) => ({
    kind: c.kind,
    label: c.name,
    old: <span className="mono break">{orDash(c.old)}</span>,
    new: <span className="mono break">{orDash(c.new)}</span>,
  }));
  return <DiffTable rows={rows} labelHeader="Header" testId="header-diff" />;
}
