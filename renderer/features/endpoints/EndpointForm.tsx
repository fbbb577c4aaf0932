// Add or edit an endpoint. Errors from the API appear next to the field at fault, in the form's words;
// a prefix that would take other paths (other endpoints', or ones requests arrived on) asks first.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { Endpoint } from '../../../shared/domain.js';
import { useEndpoints } from '../../state/endpoints.js';
import { useInbox } from '../../state/inbox.js';
import { speakUi } from '../../lib/ui-errors.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { FieldError } from '../common/FieldError.js';
import { EMPTY_FORM, formFromEndpoint, inputFromForm, previousSecretsToSave, replacedSecret, ruleProblems, swallowedBy, type EndpointFormValues, type Swallowed } from './form-model.js';
import { ForwardRulesField } from './ForwardRulesField.js';
import { PreviousSecrets } from './PreviousSecrets.js';
import { SecretField } from './SecretField.js';

/** The API's field paths, as this form's fields. */
const API_FIELDS: Record<string, keyof EndpointFormValues> = {
  path: 'path',
  provider: 'provider',
  secret: 'secret',
  previousSecrets: 'secret',
  'response.status': 'status',
  'response.delayMs': 'delayMs',
  'response.body': 'body',
  forwardTo: 'forwardTo',
  forwardRules: 'forwardRules',
};
const fieldOf = (apiPath: string) => API_FIELDS[apiPath] ?? API_FIELDS[apiPath.split('.')[0]!];
/** Errors that name no field, placed by what they are about. */
function messageField(error: ApiError): keyof EndpointFormValues | undefined {
  if (error.code === 'conflict') return 'path';
  if (/^unknown provider/.test(error.message)) return 'provider';
  if (/^forward target refused for the rule/.test(error.message)) return 'forwardRules';
  if (/^forward target/.test(error.message)) return 'forwardTo';
  return undefined;
}

/** Paths deliveries arrived on that no endpoint matched (from the rows the inbox holds). */
function unmatchedPaths(): string[] {
  return useInbox.getState().items.filter((d) => d.endpoint === null).map((d) => d.path);
}

function SwallowWarning({ swallowed }: { swallowed: Swallowed }) {
  const list = (paths: string[]) => paths.slice(0, 5).join(', ') + (paths.length > 5 ? ` and ${paths.length - 5} more` : '');
  return (
    <div className="warn-note swallow-warning" role="alert" data-testid="swallow-warning">
      <strong>{swallowed.prefix === '/' ? '/ takes every request' : `${swallowed.prefix} takes every path under it`}</strong>
      {swallowed.paths.length ? <p>Requests to {list(swallowed.paths)} would be checked against this endpoint from now on.</p> : null}
      {swallowed.endpoints.length ? (
        <p>
          {swallowed.endpoints.length === 1 ? `The endpoint ${list(swallowed.endpoints)} keeps its` : `The endpoints ${list(swallowed.endpoints)} keep their`} own requests; every other
          path under it comes here.
        </p>
      ) : null}
      <p>Save again to confirm, or give a longer path.</p>
    </div>
  );
}

export function EndpointForm({ editing, onDone }: { editing: Endpoint | null; onDone(): void }) {
  const providers = useEndpoints((s) => s.providers);
  const endpoints = useEndpoints((s) => s.endpoints);
  const [swallowed, setSwallowed] = useState<Swallowed | null>(null);
  const create = useEndpoints((s) => s.create);
  const update = useEndpoints((s) => s.update);
  const [values, setValues] = useState<EndpointFormValues>(editing ? formFromEndpoint(editing) : EMPTY_FORM);
  const [error, setError] = useState<ApiError | null>(null);
  const [saving, setSaving] = useState(false);
  const [keptSecrets, setKeptSecrets] = useState<string[]>(editing?.previousSecrets ?? []);
  // Rotation is the default: saving a new secret should not turn deliveries signed with the old one invalid.
  const [keepReplaced, setKeepReplaced] = useState(true);
  const replaced = editing ? replacedSecret(editing.secret, values.secret) : null;
  const set = (key: keyof EndpointFormValues) => (value: string) => {
    if (key === 'path') setSwallowed(null);
    setValues((v) => ({ ...v, [key]: value }));
  };
  const ui = speakUi(error, fieldOf, messageField);
  const invalid = (key: keyof EndpointFormValues) => (ui.fields[key] ? { 'aria-invalid': true, 'aria-describedby': `ep-${key}-error` } : {});
  const provider = providers.find((p) => p.id === values.provider);
  // Rule rows are checked once a save was tried, then as they are edited (not while first typed).
  const [checkRules, setCheckRules] = useState(false);
  const problems = checkRules ? ruleProblems(values.forwardRules) : new Map();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setCheckRules(true);
    if (ruleProblems(values.forwardRules).size > 0) return;
    const pathChanged = !editing || values.path.trim() !== editing.path;
    if (pathChanged && !swallowed) {
      const others = endpoints.filter((ep) => ep.id !== editing?.id).map((ep) => ep.path);
      const takes = swallowedBy(values.path, others, unmatchedPaths());
      if (takes) return setSwallowed(takes);
    }
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
          <input id="ep-path" className="mono" value={values.path} onChange={(e) => set('path')(e.target.value)} placeholder="/hooks/stripe" required spellCheck={false} autoFocus {...invalid('path')} />
          <FieldError id="ep-path-error" message={ui.fields.path} code={error?.code} />
          <p className="help">A path prefix: /hooks/shop also takes /hooks/shop/orders.</p>
          {swallowed ? <SwallowWarning swallowed={swallowed} /> : null}
        </div>

        <label htmlFor="ep-provider">Provider</label>
        <div>
          <select id="ep-provider" value={values.provider} onChange={(e) => set('provider')(e.target.value)} {...invalid('provider')}>
            <option value="">None: capture only, detect from headers</option>
            {providers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <FieldError id="ep-provider-error" message={ui.fields.provider} code={error?.code} />
          {provider ? <p className="help">Signs with {provider.scheme}.</p> : null}
        </div>

        <label htmlFor="ep-secret">Secret</label>
        <div>
          <SecretField id="ep-secret" value={values.secret} onChange={set('secret')} placeholder="the provider's signing secret" />
          <FieldError id="ep-secret-error" message={ui.fields.secret} code={error?.code} />
          <p className="help">Kept encrypted in the local database; used to check signatures.</p>
          {editing?.secretsUnreadable ? (
            <p className="warn-text" role="note">
              The saved secret was encrypted with a key this machine does not have (the database came from another machine or account): enter it again.
            </p>
          ) : null}
          {replaced ? (
            <label className="checkbox-line">
              <input type="checkbox" checked={keepReplaced} onChange={(e) => setKeepReplaced(e.target.checked)} />
              Keep the old secret as a previous secret (rotation)
            </label>
          ) : null}
          <PreviousSecrets
            secrets={keptSecrets}
            onRemove={(i) => setKeptSecrets((list) => list.filter((_, j) => j !== i))}
            rejectedBy={provider?.rotation === 'immediate' ? provider.name : undefined}
          />
        </div>

        <label htmlFor="ep-status">Response</label>
        <div>
          <div className="inline-fields">
            <input id="ep-status" type="number" min={200} max={599} value={values.status} onChange={(e) => set('status')(e.target.value)} aria-label="Response status" {...invalid('status')} />
            <label htmlFor="ep-delay" className="inline-label">delay (ms)</label>
            <input id="ep-delay" type="number" min={0} max={600000} step={100} value={values.delayMs} onChange={(e) => set('delayMs')(e.target.value)} {...invalid('delayMs')} />
          </div>
          <FieldError id="ep-status-error" message={ui.fields.status} code={error?.code} />
          <FieldError id="ep-delayMs-error" message={ui.fields.delayMs} code={error?.code} />
        </div>

        <label htmlFor="ep-body">Response body</label>
        <div>
          <textarea id="ep-body" className="mono" rows={3} value={values.body} onChange={(e) => set('body')(e.target.value)} placeholder="(empty)" spellCheck={false} {...invalid('body')} />
          <FieldError id="ep-body-error" message={ui.fields.body} code={error?.code} />
        </div>

        <label htmlFor="ep-forward">Forward to</label>
        <div>
          <input id="ep-forward" className="mono" value={values.forwardTo} onChange={(e) => set('forwardTo')(e.target.value)} placeholder="http://127.0.0.1:3000/webhooks (optional)" spellCheck={false} {...invalid('forwardTo')} />
          <FieldError id="ep-forwardTo-error" message={ui.fields.forwardTo} code={error?.code} />
          <p className="help">Each capture is also sent on to your handler, as received.</p>
        </div>

        <span className="form-label" id="ep-rules-label">
          Forward by event
        </span>
        <div role="group" aria-labelledby="ep-rules-label">
          <ForwardRulesField
            rules={values.forwardRules}
            onChange={(forwardRules) => setValues((v) => ({ ...v, forwardRules }))}
            eventNames={provider?.events.map((ev) => ev.name) ?? []}
            problems={problems}
          />
          <FieldError id="ep-forwardRules-error" message={ui.fields.forwardRules} code={error?.code} />
          <p className="help">
            A capture whose event type ({provider ? `${provider.name}'s event` : 'X-GitHub-Event, the body\'s event or type'}) matches a rule goes to that rule's URL instead of Forward to; the
            first match wins. <code>task.*</code> matches every task event, <code>*</code> any.
          </p>
        </div>

        <label htmlFor="ep-relay">Relay</label>
        <div>
          <input id="ep-relay" className="mono" value={values.relay} onChange={(e) => set('relay')(e.target.value)} placeholder="smee:https://smee.io/your-channel (optional)" spellCheck={false} />
          <p className="help">While Hookscope runs, this endpoint also receives what the smee.io channel relays. smee rewrites JSON bodies, so signatures may not verify: a tunnel passes the exact bytes.</p>
        </div>
      </div>
      <ErrorNote error={ui.general} />
      <div className="form-actions">
        <button type="submit" className="btn btn-primary" disabled={saving}>
          {saving ? 'Saving…' : swallowed ? 'Save anyway' : editing ? 'Save changes' : 'Add endpoint'}
        </button>
        <button type="button" className="btn" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
