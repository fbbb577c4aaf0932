// Add or edit an endpoint. Errors from the API appear under the form, naming the field at fault.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { Endpoint } from '../../../shared/domain.js';
import { useEndpoints } from '../../state/endpoints.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { EMPTY_FORM, formFromEndpoint, inputFromForm, previousSecretsToSave, replacedSecret, type EndpointFormValues } from './form-model.js';
import { PreviousSecrets } from './PreviousSecrets.js';
import { SecretField } from './SecretField.js';

export function EndpointForm({ editing, onDone }: { editing: Endpoint | null; onDone(): void }) {
  const providers = useEndpoints((s) => s.providers);
  const create = useEndpoints((s) => s.create);
  const update = useEndpoints((s) => s.update);
  const [values, setValues] = useState<EndpointFormValues>(editing ? formFromEndpoint(editing) : EMPTY_FORM);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [keptSecrets, setKeptSecrets] = useState<string[]>(editing?.previousSecrets ?? []);
  // Rotation is the default: saving a new secret should not turn deliveries signed with the old one invalid.
  const [keepReplaced, setKeepReplaced] = useState(true);
  const replaced = editing ? replacedSecret(editing.secret, values.secret) : null;
  const set = (key: keyof EndpointFormValues) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const provider = providers.find((p) => p.id === values.provider);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setSaving(true);
    const input = editing ? inputFromForm(values, previousSecretsToSave(replaced, keepReplaced, keptSecrets, values.secret)) : inputFromForm(values);
    const failure = editing ? await update(editing.id, input) : await create(input);
    setSaving(false);
    setError(failure);
    if (!failure) onDone();
  };

  return (
    <form className="endpoint-form card" onSubmit={submit} aria-label={editing ? `Edit endpoint ${editing.path}` : 'New endpoint'}>
      <h3>{editing ? `Edit ${editing.path}` : 'New endpoint'}</h3>
      <div className="form-grid">
        <label htmlFor="ep-path">Path</label>
        <div>
          <input id="ep-path" className="mono" value={values.path} onChange={(e) => set('path')(e.target.value)} required spellCheck={false} autoFocus />
          <p className="help">A path prefix: /hooks/shop also takes /hooks/shop/orders.</p>
        </div>

        <label htmlFor="ep-provider">Provider</label>
        <div>
          <select id="ep-provider" value={values.provider} onChange={(e) => set('provider')(e.target.value)}>
            <option value="">None: capture only, detect from headers</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          {provider ? <p className="help">Signs with {provider.scheme}.</p> : null}
        </div>

        <label htmlFor="ep-secret">Secret</label>
        <div>
          <SecretField id="ep-secret" value={values.secret} onChange={set('secret')} placeholder="the provider's signing secret" />
          <p className="help">Kept in the local database; used to check signatures.</p>
          {replaced ? (
            <label className="checkbox-line">
              <input type="checkbox" checked={keepReplaced} onChange={(e) => setKeepReplaced(e.target.checked)} />
              Keep the old secret as a previous secret (rotation)
            </label>
          ) : null}
          <PreviousSecrets secrets={keptSecrets} onRemove={(i) => setKeptSecrets((list) => list.filter((_, j) => j !== i))} />
        </div>

        <label htmlFor="ep-status">Response</label>
        <div className="inline-fields">
          <input id="ep-status" type="number" min={200} max={599} value={values.status} onChange={(e) => set('status')(e.target.value)} aria-label="Response status" />
          <label htmlFor="ep-delay" className="inline-label">delay (ms)</label>
          <input id="ep-delay" type="number" min={0} max={600000} step={100} value={values.delayMs} onChange={(e) => set('delayMs')(e.target.value)} />
        </div>

        <label htmlFor="ep-body">Response body</label>
        <textarea id="ep-body" className="mono" rows={3} value={values.body} onChange={(e) => set('body')(e.target.value)} placeholder="(empty)" spellCheck={false} />

        <label htmlFor="ep-forward">Forward to</label>
        <div>
          <input id="ep-forward" className="mono" value={values.forwardTo} onChange={(e) => set('forwardTo')(e.target.value)} placeholder="http://127.0.0.1:3000/webhooks (optional)" spellCheck={false} />
          <p className="help">Each capture is also sent on to your handler, as received.</p>
        </div>

        <label htmlFor="ep-relay">Relay</label>
        <div>
          <input id="ep-relay" className="mono" value={values.relay} onChange={(e) => set('relay')(e.target.value)} placeholder="smee:https://smee.io/your-channel (optional)" spellCheck={false} />
          <p className="help">While Hookscope runs, this endpoint also receives what the smee.io channel relays. smee rewrites JSON bodies, so signatures may not verify: a tunnel passes the exact bytes.</p>
        </div>
      </div>
      <ErrorNote error={error} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : editing ? 'Save changes' : 'Add endpoint'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
