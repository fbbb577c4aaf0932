// The status bar's word on a tunnel that is not up (issue #21): starting, or failed with its one line
// (which opens Settings, where it can be fixed). Nothing when no tunnel is asked for.
import { useTunnel } from '../../state/tunnel.js';
import { useUi } from '../../state/ui.js';

export function TunnelTrouble() {
  const status = useTunnel((s) => s.status);
  const show = useUi((s) => s.show);
  if (!status || status.state === 'off' || status.state === 'up') return null;
  if (status.state === 'starting') return <span className="dim" data-testid="status-tunnel">Public URL: starting {status.engine}…</span>;
  return (
    <button type="button" className="btn-quiet status-tunnel-failed" data-testid="status-tunnel" title={status.error ?? ''} onClick={() => show('settings')}>
      No public URL ({status.engine}): {headline(status.error)}
    </button>
  );
}

/** The error's first clause ("ngrok needs an authtoken"): the whole line is in the tooltip and in Settings. */
function headline(error: string | null): string {
  return (error ?? 'failed').split(': ')[0]!;
}
