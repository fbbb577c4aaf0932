// The ngrok authtoken: never shown back (the core sends it masked, `…a1b2`), only replaced or removed.
// The input is the uncontrolled SecretField, so what is typed never reaches the page's HTML, and it is
// emptied once saved.
import { useState } from 'react';
import type { SettingItem } from '../../../shared/api/storage.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { SecretField } from '../endpoints/SecretField.js';

export function NgrokTokenField({ item, onSaved }: { item: SettingItem; onSaved(item: SettingItem): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<ApiError | null>(null);
  const save = async (value: string | null) => {
    try {
      onSaved(await api.call('settings.set', { key: 'tunnel.ngrokAuthtoken', value }));
      setText('');
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <div>
      <p className="token-saved" data-testid="ngrok-token-saved">
        {item.value === null ? <span className="dim">Not saved.</span> : <>Saved: <code className="mono">{item.value}</code></>}
        {item.value !== null ? (
          <button type="button" className="btn btn-small btn-quiet" onClick={() => void save(null)}>
            Remove
          </button>
        ) : null}
      </p>
      <form
        className="inline-fields"
        onSubmit={(e) => {
          e.preventDefault();
          void save(text);
        }}
      >
        <SecretField id="ngrok-token" value={text} onChange={setText} placeholder={item.value === null ? 'paste your authtoken' : 'paste a new authtoken to replace it'} />
        <button type="submit" className="btn btn-small" disabled={text.trim() === ''}>
          {item.value === null ? 'Save' : 'Replace'}
        </button>
      </form>
      <p className="help">Stored encrypted; NGROK_AUTHTOKEN, when set where Hookscope runs, wins over it. Get one at dashboard.ngrok.com (free account).</p>
      <ErrorNote error={error} />
    </div>
  );
}
