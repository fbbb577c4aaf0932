// Every recent run, newest first, whatever started it (this form, the CLI, before a reload): its
// event, target, status and attempts, the one shown picked, and a Stop for those still scheduled.
import type { SendRun } from '../../../shared/api/sender.js';
import { formatTime } from '../../lib/format.js';
import { useSendRuns } from '../../state/send-runs.js';
import { ErrorNote } from '../common/ErrorNote.js';

const CLOCK_TEXT = (run: SendRun) => (run.clock.kind === 'scaled' ? `×${run.clock.scale}` : run.clock.kind);

export function SendRunsPanel({ shownId, onOpen }: { shownId: number | null; onOpen(run: SendRun): void }) {
  const items = useSendRuns((s) => s.items);
  const loaded = useSendRuns((s) => s.loaded);
  const error = useSendRuns((s) => s.error);
  const stop = useSendRuns((s) => s.stop);
  return (
    <section className="card send-runs-panel" data-testid="runs-panel" aria-labelledby="runs-panel-title">
      <h3 id="runs-panel-title">Runs</h3>
      <ErrorNote error={error} onRetry={() => void useSendRuns.getState().reload()} />
      {loaded && items.length === 0 ? <p className="dim">No runs yet: what you send shows here, and stays after a reload.</p> : null}
      {items.length ? (
        <div className="batch-runs-scroll">
          <table className="grid-table runs-table">
            <thead>
              <tr>
                <th scope="col">Run</th>
                <th scope="col">Event</th>
                <th scope="col">Target</th>
                <th scope="col">Status</th>
                <th scope="col" title="Attempts">Att.</th>
                <th scope="col">Started</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((run) => (
                <tr key={run.id} data-testid="history-run" data-run-id={run.id} className={run.id === shownId ? 'run-selected' : undefined} onClick={() => onOpen(run)}>
                  <td>
                    <button type="button" className="link-button mono" aria-pressed={run.id === shownId} aria-label={`Run #${run.id}: show its attempts`} onClick={() => onOpen(run)}>
                      #{run.id}
                    </button>
                  </td>
                  <td>
                    <span className="mono">{run.event}</span> <span className="dim">{run.provider}</span>
                  </td>
                  <td className="mono break runs-target" title={run.target}>
                    {run.target}
                  </td>
                  <td>
                    <span className={`run-status run-${run.status}`} data-run-status={run.status}>
                      {run.status}
                    </span>{' '}
                    <span className="dim" title="clock">
                      {CLOCK_TEXT(run)}
                    </span>
                  </td>
                  <td className="mono">{run.attempts.length}</td>
                  <td className="mono dim">{formatTime(run.createdAt)}</td>
                  <td onClick={(e) => e.stopPropagation()}>
                    {run.status === 'scheduled' ? (
                      <button type="button" className="btn btn-small" onClick={() => void stop(run.id)} aria-label={`Stop run #${run.id}`}>
                        Stop
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
