/** A JSON value from a diff, printed as JSON text (strings quoted, so "" and absent look different). */
export function DiffValue({ value, present }: { value: unknown; present: boolean }) {
  if (!present) return <span className="dim">—</span>;
  const text = value === undefined ? 'undefined' : JSON.stringify(value, null, 2);
  return <pre className="mono diff-value">{text}</pre>;
}
