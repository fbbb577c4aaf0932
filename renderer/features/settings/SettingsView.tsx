// Settings kept in the database that are not about the data (retention lives in Data): the public URL
// the receiver gets through a tunnel engine (issue #21).
import { useEffect, useState } from 'react';
import type { SettingItem } from '../../../shared/api/storage.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { useTunnel } from '../../state/tunnel.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { TunnelCard } from './TunnelCard.js';

export function SettingsView() {
  const [settings, setSettings] = useState<SettingItem[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const load = async () => {
    try {
      setSettings((await api.call('settings.list', {})).items);
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    }
  };
  useEffect(() => {
    void load();
    void useTunnel.getState().load();
  }, []);
  const saved = (item: SettingItem) => setSettings((all) => all?.map((s) => (s.key === item.key ? item : s)) ?? null);

  return (
    <div className="page settings-page">
      <div className="page-head">
        <div>
          <h2>Settings</h2>
          <p className="dim">Kept in the database and applied at once by the running Hookscope. Retention is under Data.</p>
        </div>
      </div>
      <ErrorNote error={error} onRetry={() => void load()} />
      {settings ? <TunnelCard settings={settings} onSaved={saved} /> : null}
    </div>
  );
}
