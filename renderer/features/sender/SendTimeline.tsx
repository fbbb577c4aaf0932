// The provider's schedule against what happened: each planned attempt on a log-scaled line (so +1 min
// and +12 h fit together), then a row per attempt with the planned and actual provider time, the
// status and how long the handler took, and, when the target is this Hookscope's receiver, the
// delivery each attempt produced.
import type { ProviderSummary } from '../../../shared/api/providers.js';
import type { SendRun } from '../../../shared/api/sender.js';
import { formatDuration } from '../../lib/format.js';
import { axisTicks, plannedSchedule, SUCCESS_RULE_TEXT, timelinePosition } from '../../lib/schedule.js';
import { useUi } from '../../state/ui.js';
import { StatusCode } from '../common/StatusCode.js';

const RUN_STATUS_TEXT: Record<SendRun['status'], string> = {
  scheduled: 'retrying on schedule',
  delivered: 'delivered',
  failing: 'gave up: webhook marked failing',
  failed: 'gave up: delivery marked failed',
  disabled: 'gave up: webhook disabled',
  retrying: 'still retrying (stopped at the attempt cap)',
  stopped: 'stopped by you',
};

const offsetText = (ms: number) => (ms === 0 ? 'at once' : `+${formatDuration(ms)}`);

interface TimelineProps {
  /** Null: the schedule alone, before anything is sent. */
  run: SendRun | null;
  provider: ProviderSummary;
  /** The delivery each attempt produced in this Hookscope's inbox (absent: the target is elsewhere). */
  deliveries?: Array<number | null>;
}

export function SendTimeline({ run, provider, deliveries }: TimelineProps) {
  const open = useUi((s) => s.open);
  const planned = plannedSchedule(provider.retry);
  const done = run?.attempts ?? [];
  const rows = Math.max(planned.length, done.length);
  const maxOffset = Math.max(planned[planned.length - 1] ?? 0, ...done.map((a) => a.offsetMs), 1);
  const ended = run !== null && run.status !== 'scheduled' && run.status !== 'delivered';

  return (
    <section className="timeline card" data-testid="send-timeline" aria-label="Attempts">
      <div className="timeline-head">
        {run ? (
          <h3 className="timeline-run" data-testid="timeline-run">
            Run #{run.id} <span className="mono">{run.event}</span> <span className="dim">{provider.name}</span>
            {run.duplicateOf !== null ? <span className="dup-badge">duplicate of #{run.duplicateOf}</span> : null}
          </h3>
        ) : null}
        {run ? (
          <span className={`run-status run-${run.status}`} data-status={run.status}>
            {RUN_STATUS_TEXT[run.status]}
          </span>
        ) : (
          <span className="run-status">{provider.name}'s schedule</span>
        )}
        <span className="dim">
          Success is {SUCCESS_RULE_TEXT[provider.retry.success]}; each attempt times out after {formatDuration(provider.retry.timeoutMs)}
          {provider.retry.timeoutAssumed ? ' (assumed: not documented)' : ''}.
        </span>
      </div>
      <div className="track" aria-hidden="true">
        <div className="track-line" />
        {axisTicks(maxOffset).map((t) => (
          <span key={`a${t.offsetMs}`} className="axis-label" data-testid="axis-label" style={{ left: `${t.position * 100}%` }}>
            {t.label}
          </span>
        ))}
        {planned.map((offset, i) => (
          <span key={`p${i}`} className="tick planned" style={{ left: `${timelinePosition(offset, maxOffset) * 100}%` }} title={`attempt ${i + 1} planned ${offsetText(offset)}`} />
        ))}
        {done.map((a) => (
          <span
            key={`d${a.n}`}
            className={`tick done ${a.error ? 'fail' : 'ok'}`}
            style={{ left: `${timelinePosition(a.offsetMs, maxOffset) * 100}%` }}
            title={`attempt ${a.n}: ${a.status ?? a.error}`}
          />
        ))}
      </div>
      <table className="grid-table timeline-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Planned</th>
            <th>Sent</th>
            <th>Status</th>
            <th>Took</th>
            <th>Outcome</th>
            {deliveries ? <th>Delivery</th> : null}
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: rows }, (_, i) => {
            const attempt = done[i];
            const plannedAt = planned[i];
            const pending = !attempt && (run === null || run.status === 'scheduled');
            return (
              <tr key={i} data-testid="attempt-row" data-done={attempt ? 'yes' : 'no'} className={attempt ? (attempt.error ? 'attempt-fail' : 'attempt-ok') : 'attempt-planned'}>
                <td className="mono">{i + 1}</td>
                <td className="mono">{plannedAt !== undefined ? offsetText(plannedAt) : <span className="dim">—</span>}</td>
                <td className="mono">{attempt ? offsetText(attempt.offsetMs) : <span className="dim">{run === null ? '' : pending ? 'pending' : 'not sent'}</span>}</td>
                <td className="mono">{attempt ? <StatusCode status={attempt.status} /> : null}</td>
                <td className="mono">{attempt ? formatDuration(attempt.durationMs) : null}</td>
                <td>{attempt ? (attempt.error ? <span className="status-bad">✕ {attempt.error}</span> : <span className="status-good">✓ accepted</span>) : null}</td>
                {deliveries ? (
                  <td>
                    {attempt && deliveries[i] ? (
                      <button type="button" className="link-button mono" data-testid="attempt-delivery" onClick={() => open(deliveries[i]!)} title="Open it in the inbox">
                        #{deliveries[i]}
                      </button>
                    ) : null}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
      {(run === null || ended) && provider.retry.notes.length ? <p className="dim">{provider.retry.notes[0]}</p> : null}
    </section>
  );
}
