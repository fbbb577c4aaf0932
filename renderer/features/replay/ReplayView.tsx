// Replay: send captured deliveries to a local handler again, as captured or re-signed, one at a time
// in the order they arrived. Targets are loopback unless allowed otherwise (the core refuses others).
import type { FormEvent } from 'react';
import { useReplay, type SendMode } from '../../state/replay.js';
import { useUi } from '../../state/ui.js';
import { pluralize } from '../../lib/format.js';
import { speakUi } from '../../lib/ui-errors.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { FieldError } from '../common/FieldError.js';
import { SecretField } from '../endpoints/SecretField.js';
import { ReplayEditors } from './ReplayEditors.js';
import { ReplayResult } from './ReplayResult.js';

const MODES: Array<{ id: SendMode; label: string; help: string }> = [
  { id: 'as-captured', label: 'As captured', help: 'the exact bytes and headers, old signature included' },
  { id: 're-signed', label: 'Re-signed', help: 'fresh timestamp, id and signature with the secret below or the endpoint\'s' },
];

export function ReplayView() {
  const { ids, base, target, mode, secret, loading, sending, error, results, history, setTarget, setMode, setSecret, send, allowAndSend } = useReplay();
  const show = useUi((s) => s.show);

  if (ids.length === 0) {
    return (
      <div className="page">
        <h2>Replay</h2>
        <p className="dim">
          Open a delivery and press <strong>Replay</strong>, or mark several in the inbox (x or the checkboxes) and replay them in order.
        </p>
        <button type="button" className="btn" onClick={() => show('inbox')}>
          Go to the inbox
        </button>
      </div>
    );
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void send();
  };
  const ui = speakUi(error, (field) => (field === 'target' ? 'target' : undefined));
  return (
    <div className="page replay-page">
      <div className="page-head">
        <div>
          <h2>
            Replay {ids.length === 1 ? `#${ids[0]}` : pluralize(ids.length, 'delivery', 'deliveries')}
            {base && ids.length === 1 ? (
              <span className="dim mono head-sub">
                {' '}
                {base.method} {base.path}
              </span>
            ) : null}
          </h2>
          {ids.length > 1 ? <p className="dim">Sent one after another, oldest first, each after the previous one's response: #{ids.join(', #')}</p> : null}
        </div>
      </div>
      <form className="replay-form card" onSubmit={submit} aria-label="Replay">
        <div className="form-grid">
          <label htmlFor="replay-target">Target</label>
          <div>
            <input id="replay-target" className="mono" value={target} onChange={(e) => setTarget(e.target.value)} required spellCheck={false} aria-invalid={ui.fields.target ? true : undefined} />
            <FieldError id="replay-target-error" message={ui.fields.target} />
            <p className="help">An origin alone keeps each delivery's path and query; a full URL replaces them. Remembered for this endpoint.</p>
          </div>
          <span className="form-label">Mode</span>
          <div className="radio-row" role="radiogroup" aria-label="Replay mode">
            {MODES.map((m) => (
              <label key={m.id} className="radio">
                <input type="radio" name="replay-mode" value={m.id} checked={mode === m.id} onChange={() => setMode(m.id)} />
                <span>
                  <strong>{m.label}</strong> <span className="dim">{m.help}</span>
                </span>
              </label>
            ))}
          </div>
          <label htmlFor="replay-secret">Secret</label>
          <div>
            <SecretField id="replay-secret" value={secret} onChange={setSecret} placeholder="empty: the endpoint's" />
            <p className="help">Signs re-signed replays and re-signed edits instead of the endpoint's secret. Not stored.</p>
          </div>
        </div>
        {loading ? <p className="dim">Loading…</p> : null}
        {base && ids.length === 1 ? <ReplayEditors base={base} /> : null}
        <ErrorNote error={ui.general} />
        {ui.refusedHost ? (
          <p className="refused-offer">
            Replays go only to this machine unless you allow another host. Do you trust <strong className="mono">{ui.refusedHost}</strong> with these
            deliveries (signatures included)?{' '}
            <button type="button" className="btn btn-small" onClick={() => void allowAndSend(ui.refusedHost!)} disabled={sending}>
              Allow {ui.refusedHost} and send
            </button>
          </p>
        ) : null}
        <div className="form-actions">
          <button type="submit" className="btn btn-primary" disabled={sending || loading}>
            {sending ? 'Sending…' : ids.length === 1 ? 'Send' : `Send ${ids.length} in order`}
          </button>
        </div>
      </form>
      {results.length > 0 ? (
        <section className="replay-results" aria-label="Replay results">
          <h3>Result</h3>
          {results.map((r) => (
            <ReplayResult key={r.id} replay={r} expanded={results.length === 1} />
          ))}
        </section>
      ) : null}
      {history.length > results.length ? (
        <section className="replay-results" aria-label="Earlier replays">
          <h3>
            Earlier replays <span className="dim">newest first</span>
          </h3>
          {history
            .filter((h) => !results.some((r) => r.id === h.id))
            .map((r) => (
              <ReplayResult key={r.id} replay={r} />
            ))}
        </section>
      ) : null}
    </div>
  );
}
