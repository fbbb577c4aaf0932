// The status bar's word on relays: nothing when there are none, a count when all are connected, and
// each one that is down with the reason and when it retries.
import { useEffect } from 'react';
import { useRelays } from '../../state/relays.js';
import { pluralize } from '../../lib/format.js';

export function RelayStatus() {
  const relays = useRelays((s) => s.relays);
  useEffect(() => useRelays.getState().follow(), []);
  if (relays.length === 0) return null;
  const down = relays.filter((r) => r.state === 'down');
  if (down.length === 0) {
    const connecting = relays.some((r) => r.state === 'connecting');
    return (
      <span className="status-relays dim" data-testid="status-relays" title={relays.map((r) => `${r.endpointPath} ← ${r.relay}`).join('\n')}>
        {connecting ? 'relay connecting…' : `${pluralize(relays.length, 'relay')} connected`}
      </span>
    );
  }
  return (
    <span className="status-relays status-waiting" data-testid="status-relays" role="status">
      {down.map((r) => (
        <span key={r.endpointId} title={r.error ?? ''}>
          Relay down: {r.endpointPath} ← {r.relay.replace(/^smee:/, 'smee ')} ({r.error}){r.retryAt ? `, retrying at ${new Date(r.retryAt).toLocaleTimeString()}` : ''}
        </span>
      ))}
    </span>
  );
}
