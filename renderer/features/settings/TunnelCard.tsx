// The tunnel: none, ngrok or cloudflared, saved as the tunnel.engine setting; the running receiver
// starts, stops or switches it and reports back through tunnel.changed. What it says when the engine
// cannot start is the core's one line (engine missing, no token, unreachable); the receiver keeps
// running locally either way.
import { useState } from 'react';
import type { SettingItem } from '../../../shared/api/storage.js';
import type { TunnelStatus } from '../../../shared/api/tunnel.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { TUNNEL_CHOICES, type TunnelChoice } from '../../../shared/settings.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { useTunnel } from '../../state/tunnel.js';
import { CopyButton } from '../common/CopyButton.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { NgrokTokenField } from './NgrokTokenField.js';

const CHOICES: Record<TunnelChoice, { label: string; help: string }> = {
  none: { label: 'None', help: 'The receiver is reached on this machine only.' },
  cloudflared: { label: 'cloudflared', help: 'A Cloudflare quick tunnel: no account, free; the URL changes at every start. Needs the cloudflared program on PATH.' },
  ngrok: { label: 'ngrok', help: 'Runs inside Hookscope; needs the authtoken of a free ngrok account. A reserved domain keeps the URL between starts.' },
};

export function TunnelCard({ settings, onSaved }: { settings: SettingItem[]; onSaved(item: SettingItem): void }) {
  const status = useTunnel((s) => s.status);
  const [error, setError] = useState<ApiError | null>(null);
  const stored = (settings.find((s) => s.key === 'tunnel.engine')?.value ?? 'none') as TunnelChoice;
  // The choice shows at once; it is the stored one again if saving fails.
  const [pending, setPending] = useState<TunnelChoice | null>(null);
  const shown = pending ?? stored;
  const token = settings.find((s) => s.key === 'tunnel.ngrokAuthtoken') ?? null;

  const choose = async (choice: TunnelChoice) => {
    setPending(choice);
    try {
      onSaved(await api.call('settings.set', { key: 'tunnel.engine', value: choice }));
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setPending(null);
    }
  };

  return (
    <section className="card" aria-labelledby="tunnel-title">
      <h3 id="tunnel-title">Public URL</h3>
      <p className="help">
        Providers on the internet reach the receiver through a tunnel engine Hookscope starts and stops for you. Give them the public URL plus the endpoint's path (each endpoint shows
        its own).
      </p>
      <div className="form-grid">
        <span className="form-label" id="tunnel-engine-label">
          Tunnel
        </span>
        <div role="radiogroup" aria-labelledby="tunnel-engine-label" className="radio-row">
          {TUNNEL_CHOICES.map((choice) => (
            <label key={choice} className="radio">
              <input type="radio" name="tunnel-engine" value={choice} checked={shown === choice} onChange={() => void choose(choice)} />
              <span>
                <strong>{CHOICES[choice].label}</strong> <span className="dim">{CHOICES[choice].help}</span>
              </span>
            </label>
          ))}
          <ErrorNote error={error} />
        </div>

        <span className="form-label">Now</span>
        <TunnelNow status={status} onRetry={() => void choose(stored)} />

        <label htmlFor="ngrok-token">ngrok authtoken</label>
        {token ? <NgrokTokenField item={token} onSaved={onSaved} /> : <span />}
      </div>
    </section>
  );
}

function TunnelNow({ status, onRetry }: { status: TunnelStatus | null; onRetry(): void }) {
  if (!status) return <p className="tunnel-now dim">unknown</p>;
  const flag = status.source === 'flag' ? <p className="help">Chosen by serve --tunnel for this run; the setting applies from the next start.</p> : null;
  if (status.state === 'up') {
    return (
      <div className="tunnel-now" data-testid="tunnel-now">
        <div className="inline-fields">
          <span className="status-good">● {status.engine}</span>
          <code className="mono">{status.publicUrl}</code>
          <CopyButton text={status.publicUrl ?? ''} />
        </div>
        {flag}
      </div>
    );
  }
  if (status.state === 'failed') {
    return (
      <div className="tunnel-now" data-testid="tunnel-now">
        <div className="error-note tunnel-error" role="alert">
          <span>No public URL: {status.error}</span>
          <button type="button" className="btn btn-small" onClick={onRetry}>
            Try again
          </button>
        </div>
        <p className="help">The receiver keeps running on this machine.</p>
        {flag}
      </div>
    );
  }
  return (
    <div className="tunnel-now" data-testid="tunnel-now">
      <span className="dim">{status.state === 'starting' ? `Starting ${status.engine}…` : 'Off: no public URL.'}</span>
      {flag}
    </div>
  );
}
