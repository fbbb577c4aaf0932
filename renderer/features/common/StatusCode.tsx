/** An HTTP status tinted by its class; a dash when there was no answer. */
export function StatusCode({ status }: { status: number | null }) {
  if (status === null) return <span className="dim" title="the client left before an answer">—</span>;
  const kind = status >= 500 ? 'bad' : status >= 400 ? 'warn' : status >= 300 ? 'info' : 'good';
  return <span className={`status status-${kind}`}>{status}</span>;
}
