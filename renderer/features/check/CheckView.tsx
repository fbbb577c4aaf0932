// The handler check: Hookscope plays the provider and a few attackers against your handler and grades
// each answer by the provider's rules. The scorecard fills in as each check finishes; a failure shows
// what was expected, what the handler did, the advice, and the exact request that exposed it.
import { useEffect, type FormEvent } from 'react';
import { useCheck } from '../../state/check.js';
import { useEndpoints } from '../../state/endpoints.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { SecretField } from '../endpoints/SecretField.js';
import { CheckRow } from './CheckRow.js';

export function CheckView() {
  const providers = useEndpoints((s) => s.providers);
  const endpoints = useEndpoints((s) => s.endpoints);
  const s = useCheck();
  const provider = providers.find((p) => p.id === s.provider);
  const done = s.rows.filter((r) => r.result !== null);
  const failed = done.filter((r) => r.result && !r.result.passed && !r.result.skipped).length;
  const passed = done.filter((r) => r.result?.passed).length;
  const skipped = done.filter((r) => r.result?.skipped).length;

  useEffect(() => {
    const { provider: chosen, chooseProvider } = useCheck.getState();
    if (!chosen && providers[0]) chooseProvider(providers[0].id);
  }, [providers]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.run();
  };
  return (
    <div className="page check-page">
      <div className="page-head">
        <div>
          <h2>Check</h2>
          <p className="dim">Grades your webhook handler by its provider's rules: forged and altered requests refused, valid ones acknowledged in time, duplicates and reordering survived.</p>
        </div>
      </div>
      <form className="card check-form" onSubmit={submit} aria-label="Check a handler">
        <div className="form-grid">
          <label htmlFor="check-endpoint">From endpoint</label>
          <div>
            <select id="check-endpoint" value={s.endpointId ?? ''} onChange={(e) => s.chooseEndpoint(e.target.value ? Number(e.target.value) : null)}>
              <option value="">(none)</option>
              {endpoints.map((ep) => (
                <option key={ep.id} value={ep.id}>
                  {ep.path} {ep.provider ? `· ${ep.provider}` : ''}
                </option>
              ))}
            </select>
            <p className="help">Takes the endpoint's provider and secret (and its forward target, if it has one).</p>
          </div>

          <label htmlFor="check-provider">Provider</label>
          <div>
            <select id="check-provider" value={s.provider} onChange={(e) => s.chooseProvider(e.target.value)}>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
            {provider ? <p className="help">{provider.scheme}.</p> : null}
          </div>

          <label htmlFor="check-target">Handler URL</label>
          <div>
            <input id="check-target" className="mono" value={s.target} onChange={(e) => s.set({ target: e.target.value })} required spellCheck={false} />
            <p className="help">Your handler on this machine (loopback only).</p>
          </div>

          <label htmlFor="check-secret">Secret</label>
          <SecretField id="check-secret" value={s.secret} onChange={(secret) => s.set({ secret })} placeholder="the secret your handler verifies with" />
        </div>
        <ErrorNote error={s.error} />
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={s.running || !s.provider}>
            {s.running ? 'Checking…' : 'Run the check'}
          </button>
        </div>
      </form>

      {s.rows.length > 0 ? (
        <section className="check-card" aria-label="Scorecard">
          <div className="check-summary" role="status" data-testid="check-summary">
            <span className="check-count check-pass">{passed} passed</span>
            <span className={`check-count${failed ? ' check-fail' : ''}`}>{failed} failed</span>
            <span className="check-count dim">{skipped} skipped</span>
            {s.running ? <span className="dim">checking… {done.length} of {s.rows.length}</span> : null}
            {s.report?.batchId ? <span className="dim check-batch">requests recorded as send batch #{s.report.batchId}</span> : null}
          </div>
          {s.report?.unreachable ? <p className="error-text">{s.report.unreachable}</p> : null}
          <ol className="check-list">
            {s.rows.map((row) => (
              <CheckRow key={row.id} title={row.title} result={row.result} signatureHeader={provider?.signatureHeader} />
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}
