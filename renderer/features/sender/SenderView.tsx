// The mock sender: pick a provider and one of its events, edit the payload, and watch the delivery
// play out on the provider's real retry schedule (virtual clock: waits skipped; scaled: faster; real).
// The collapsed Batch section turns one send into many (count, duplicates, shuffle); the timeline then
// lists every run of the batch above the attempts of the one picked. The runs panel lists every recent
// run (from the core: it survives a reload); the newest opens when the view does.
import { useEffect, type FormEvent } from 'react';
import { useEndpoints } from '../../state/endpoints.js';
import { useReadingOptions, withRetryReading } from '../../state/reading-options.js';
import { useSendRuns } from '../../state/send-runs.js';
import { selectedRun, useSender, type ClockKind } from '../../state/sender.js';
import { receiverTarget } from '../../lib/receiver-target.js';
import { speakUi } from '../../lib/ui-errors.js';
import { FieldError } from '../common/FieldError.js';
import { SendRunsPanel } from './SendRunsPanel.js';
import { CodeEditor } from '../common/CodeEditor.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { SecretField } from '../endpoints/SecretField.js';
import { BatchFields } from './BatchFields.js';
import { BatchRuns } from './BatchRuns.js';
import { plannedDeliveries } from '../../state/batch-options.js';
import { PayloadMark } from './PayloadMark.js';
import { ProviderReadings } from './ProviderReadings.js';
import { ReadingFields } from './ReadingFields.js';
import { SendTimeline } from './SendTimeline.js';

const CLOCKS: Array<{ id: ClockKind; label: string; help: string }> = [
  { id: 'virtual', label: 'Virtual', help: 'waits skipped: the whole schedule in seconds' },
  { id: 'scaled', label: 'Scaled', help: 'provider time runs faster by a factor' },
  { id: 'real', label: 'Real', help: 'the provider\'s actual waits' },
];

export function SenderView() {
  const providers = useEndpoints((s) => s.providers);
  const receiverUrl = useEndpoints((s) => s.settings?.receiverUrl);
  const s = useSender();
  const provider = providers.find((p) => p.id === s.provider);
  const run = selectedRun(s);
  const retryReading = useReadingOptions((r) => r.retryReading);
  const chosenEvent = provider?.events.find((ev) => ev.name === s.event);
  // A run opened from the panel may be another provider's than the form's.
  const runProvider = providers.find((p) => p.id === (run?.provider ?? s.provider));
  const linkDeliveries = run !== null && receiverTarget(run.target, receiverUrl) !== null;
  const deliveries = useSendRuns((r) => (run ? r.deliveries[run.id] : undefined));
  const ui = speakUi(s.error, (field) => (field === 'to' ? 'target' : field === 'secret' ? 'secret' : undefined), (e) =>
    e.code === 'refused-target' || /^--to\b/.test(e.message) ? 'target' : undefined,
  );
  const isBatch = s.runTotal > 1;
  const { events: plannedEvents, copies } = plannedDeliveries(s.batch, s.event);
  const batchPlanned = plannedEvents * (1 + copies) > 1;
  // From the whole batch's totals: its scheduled runs may lie past the first page held in `runs`.
  const stillScheduled = s.summary ? s.summary.counts.scheduled > 0 : s.runs.some((r) => r.status === 'scheduled');

  useEffect(() => {
    const { provider: chosen, chooseProvider } = useSender.getState();
    if (!chosen && providers[0]) chooseProvider(providers[0].id);
  }, [providers]);

  useEffect(() => {
    void useSendRuns
      .getState()
      .reload()
      .then(() => {
        const latest = useSendRuns.getState().items[0];
        if (latest && useSender.getState().batchId === null) useSender.getState().openRun(latest);
      });
  }, []);

  // Which delivery each attempt produced, read again as attempts are added.
  const attemptCount = run?.attempts.length ?? 0;
  useEffect(() => {
    if (run && linkDeliveries && attemptCount > 0) void useSendRuns.getState().loadDeliveries(run.id);
  }, [run?.id, linkDeliveries, attemptCount]);

  const allowAndSend = (host: string) => {
    const hosts = s.batch.allowHosts.split(',').map((h) => h.trim()).filter(Boolean);
    if (!hosts.includes(host)) s.setBatch({ allowHosts: [...hosts, host].join(', ') });
    void useSender.getState().start();
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void s.start();
  };
  return (
    <div className="page sender-page">
      <div className="page-head">
        <div>
          <h2>Sender</h2>
          <p className="dim">Hookscope plays the provider: signs like it, and retries on its documented schedule until your handler answers as it expects.</p>
        </div>
      </div>
      <div className="sender-grid">
        <form className="card sender-form" onSubmit={submit} aria-label="Send an event">
          <div className="form-grid">
            <label htmlFor="send-provider">Provider</label>
            <select id="send-provider" value={s.provider} onChange={(e) => s.chooseProvider(e.target.value)}>
              {providers.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>

            <label htmlFor="send-event">Event</label>
            <div>
              <select id="send-event" value={s.event} onChange={(e) => s.chooseEvent(e.target.value)}>
                {provider?.events.map((ev) => (
                  <option key={ev.name} value={ev.name}>
                    {ev.name}
                  </option>
                ))}
              </select>
              <p className="help">{chosenEvent?.description}</p>
            </div>

            <span className="form-label">Payload</span>
            <div>
              <CodeEditor key={`${s.provider}/${s.event}`} label="Payload" language="json" value={s.payload} onChange={(payload) => s.set({ payload })} maxHeight={300} />
              {chosenEvent ? <PayloadMark fidelity={chosenEvent.fidelity} edited={s.payload !== s.samplePayload} /> : null}
            </div>

            <label htmlFor="send-secret">Secret</label>
            <div>
              <SecretField id="send-secret" value={s.secret} onChange={(secret) => s.set({ secret })} placeholder="empty: send unsigned" />
              <FieldError id="send-secret-error" message={ui.fields.secret} />
              {provider ? (
                <p className="help" data-testid="secret-help">
                  Signs with {provider.scheme}.{s.followedEndpoint ? ` The secret of this Hookscope's endpoint ${s.followedEndpoint}.` : ''}
                </p>
              ) : null}
            </div>

            <label htmlFor="send-target">Target</label>
            <div>
              <input id="send-target" className="mono" value={s.target} onChange={(e) => s.setTarget(e.target.value)} required spellCheck={false} aria-invalid={ui.fields.target ? true : undefined} />
              <FieldError id="send-target-error" message={ui.fields.target} />
              {ui.refusedHost ? (
                <p className="help refused-offer-inline">
                  Sends go only to this machine unless you allow another host (Overrides → Allowed hosts).{' '}
                  <button type="button" className="btn btn-small" onClick={() => allowAndSend(ui.refusedHost!)} disabled={s.starting}>
                    Allow {ui.refusedHost} and send
                  </button>
                </p>
              ) : null}
              <p className="help">Your handler, e.g. http://127.0.0.1:3000/webhooks. Pointing it at this Hookscope's receiver shows the result in the inbox.</p>
            </div>

            <span className="form-label">Clock</span>
            <div className="radio-row" role="radiogroup" aria-label="Clock">
              {CLOCKS.map((c) => (
                <label key={c.id} className="radio">
                  <input type="radio" name="send-clock" value={c.id} checked={s.clock === c.id} onChange={() => s.set({ clock: c.id })} />
                  <span>
                    <strong>{c.label}</strong> <span className="dim">{c.help}</span>
                  </span>
                </label>
              ))}
              {s.clock === 'scaled' ? (
                <label className="inline-fields">
                  ×
                  <input type="number" min={1} value={s.scale} onChange={(e) => s.set({ scale: Number(e.target.value) || 1 })} aria-label="Clock scale" />
                </label>
              ) : null}
            </div>

            <BatchFields provider={provider} />
            <ReadingFields provider={provider} />
            {provider ? <ProviderReadings provider={provider} /> : null}
          </div>
          <ErrorNote error={ui.general} />
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={s.starting || !s.provider}>
              {s.starting ? 'Sending…' : batchPlanned ? 'Send batch' : 'Send'}
            </button>
            {stillScheduled ? (
              <button type="button" className="btn" onClick={() => void s.stop()}>
                {isBatch ? 'Stop the batch' : 'Stop retrying'}
              </button>
            ) : null}
          </div>
        </form>
        <div className="sender-side">
          {isBatch && s.batchId !== null && s.summary ? (
            <BatchRuns batchId={s.batchId} runs={s.runs} summary={s.summary} selectedId={run?.id ?? null} onSelect={s.selectRun} />
          ) : null}
          {runProvider ? <SendTimeline run={run} provider={withRetryReading(runProvider, retryReading)} deliveries={linkDeliveries ? deliveries : undefined} /> : null}
          <SendRunsPanel shownId={run?.id ?? null} onOpen={s.openRun} />
        </div>
      </div>
    </div>
  );
}
