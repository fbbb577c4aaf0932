// One retention setting: its value as text (empty: not set), saved on its own, refused with the
// message the core gives for a value that does not fit.
import { useState } from 'react';
import type { SettingItem } from '../../../shared/api/storage.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { ErrorNote } from '../common/ErrorNote.js';

const LABELS: Partial<Record<SettingItem['key'], string>> = {
  'retention.keep': 'Keep at most',
  'retention.maxAge': 'Remove older than',
  'retention.maxBytes': 'Largest database',
};

export function RetentionField({ item, onSaved }: { item: SettingItem; onSaved(saved: SettingItem): void }) {
  const [text, setText] = useState(item.value ?? '');
  const [error, setError] = useState<ApiError | null>(null);
  const id = `setting-${item.key.replace('.', '-')}`;
  const changed = text.trim() !== (item.value ?? '');
  const save = async () => {
    try {
      const saved = await api.call('settings.set', { key: item.key, value: text.trim() === '' ? null : text });
      setText(saved.value ?? '');
      setError(null);
      onSaved(saved);
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <>
      <label htmlFor={id}>{LABELS[item.key] ?? item.key}</label>
      <div>
        <form
          className="inline-fields"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <input id={id} className="mono" value={text} placeholder={`e.g. ${item.example}`} onChange={(e) => setText(e.target.value)} />
          <button type="submit" className="btn btn-small" disabled={!changed}>
            Save
          </button>
          <span className="dim">{item.value === null ? 'not set' : `set: ${item.value}`}</span>
        </form>
        <p className="help">{item.description}</p>
        <ErrorNote error={error} />
      </div>
    </>
  );
}
