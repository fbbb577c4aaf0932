/** Shown when the API refuses this page: it was opened without the token, or the server restarted. */
export function NoAccess({ message }: { message: string }) {
  return (
    <div className="no-access" role="alert">
      <h2>This page cannot reach Hookscope</h2>
      <p>{message}</p>
      <p>
        Open the <strong>UI</strong> link that <code className="mono">hookscope serve</code> printed: it ends in{' '}
        <code className="mono">#token=…</code>, a fresh secret for each run that keeps other web pages out of your webhooks.
      </p>
    </div>
  );
}
