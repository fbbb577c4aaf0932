// Data: how big the database is, how long deliveries are kept (retention settings, applied by the
// running Hookscope in the background), and clearing everything.
import { useEffect, useState } from 'react';
import type { SettingItem } from '../../../shared/api/storage.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { LARGE_DATABASE_BYTES } from '../../../shared/settings.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { formatBytes, pluralize } from '../../lib/format.js';
import { useEndpoints } from '../../state/endpoints.js';
import { useStats } from '../../state/stats.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { RetentionField } from './RetentionField.js';

export function DataView() {
  const stats = useStats((s) => s.stats);
  const db = useEndpoints((s) => s.settings?.db ?? null);
  const [settings, setSettings] = useState<SettingItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  const load = async () => {
    try {
      // The tunnel's settings are in Settings.
      setSettings((await api.call('settings.list', {})).items.filter((s) => s.key.startsWith('retention.')));
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    }
  };
  useEffect(() => {
    void load();
    useStats.getState().refresh();
  }, []);

  const anyRule = settings?.some((s) => s.value !== null) ?? false;
  return (
    <div className="page data-page">
      <div className="page-head">
        <div>
          <h2>Data</h2>
          <p className="dim">Every capture stays in one SQLite file on this machine{db ? <>: <code className="mono">{db}</code></> : null}.</p>
        </div>
      </div>
      {stats ? (
        <p data-testid="data-size">
          {pluralize(stats.deliveries, 'delivery', 'deliveries')} · <strong>{formatBytes(stats.dbBytes)}</strong> on disk
        </p>
      ) : null}
      {stats && stats.dbBytes > LARGE_DATABASE_BYTES && !anyRule ? (
        <p className="warn-note" data-testid="size-warning">
          The database is past {formatBytes(LARGE_DATABASE_BYTES)} and keeps everything: set a retention limit below.
        </p>
      ) : null}
      <ErrorNote error={error} onRetry={() => void load()} />
      <section className="card" aria-labelledby="retention-title">
        <h3 id="retention-title">Retention</h3>
        <p className="help">Applied in the background while Hookscope runs, oldest first. Leave a field empty to keep everything.</p>
        <div className="form-grid">
          {settings?.map((item) => (
            <RetentionField key={item.key} item={item} onSaved={(saved) => setSettings((all) => all?.map((s) => (s.key === saved.key ? saved : s)) ?? null)} />
          ))}
        </div>
      </section>
      <ClearAll count={stats?.deliveries ?? 0} />
    </div>
  );
}

function ClearAll({ count }: { count: number }) {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const clear = async () => {
    setConfirming(false);
    try {
      await api.call('deliveries.clear', {});
      setError(null);
      useStats.getState().refresh();
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <section className="card" aria-labelledby="clear-title">
      <h3 id="clear-title">Clear</h3>
      <p className="help">Removes every delivery and its replays. Endpoints, their secrets and sends stay.</p>
      <div className="inline-fields">
        {confirming ? (
          <>
            <button type="button" className="btn btn-danger" onClick={() => void clear()}>
              Delete all {count.toLocaleString()} deliveries, for good
            </button>
            <button type="button" className="btn btn-quiet" onClick={() => setConfirming(false)}>
              Keep them
            </button>
          </>
        ) : (
          <button type="button" className="btn" onClick={() => setConfirming(true)} disabled={count === 0}>
            Clear all…
          </button>
        )}
      </div>
      <ErrorNote error={error} />
    </section>
  );
}
