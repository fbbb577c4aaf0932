// Every run of a batch in the order the provider delivered them (after any shuffle): its event, which
// run it duplicates, its status, its attempts and the last answer. Picking a run shows its attempts
// on the schedule below. A plain table, so screen readers get one row per run with its headers.
import type { SendRun, SendStatus } from '../../../shared/api/sender.js';
import { StatusCode } from '../common/StatusCode.js';

const STATUS_ORDER: SendStatus[] = ['delivered', 'scheduled', 'retrying', 'failing', 'failed', 'disabled', 'stopped'];

interface BatchRunsProps {
  batchId: number;
  runs: SendRun[];
  total: number;
  selectedId: number | null;
  onSelect(id: number): void;
}

/** "4 delivered · 2 scheduled": the batch at a glance. */
function statusCounts(runs: SendRun[]): string {
  const counts = new Map<SendStatus, number>();
  for (const r of runs) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
  return STATUS_ORDER.filter((s) => counts.has(s))
    .map((s) => `${counts.get(s)} ${s}`)
    .join(' · ');
}

export function BatchRuns({ batchId, runs, total, selectedId, onSelect }: BatchRunsProps) {
  const duplicates = runs.filter((r) => r.duplicateOf !== null).length;
  const shownId = selectedId ?? runs[0]?.id;
  return (
    <section className="card batch-runs" data-testid="send-runs" aria-labelledby="batch-runs-title">
      <div className="batch-runs-head">
        <h3 id="batch-runs-title">
          Batch #{batchId}: {total} run{total === 1 ? '' : 's'}
          {duplicates ? <span className="dim"> ({duplicates} duplicate{duplicates === 1 ? '' : 's'})</span> : null}
        </h3>
        <span className="dim" data-testid="batch-counts">
          {statusCounts(runs)}
        </span>
      </div>
      {total > runs.length ? <p className="help">Showing the first {runs.length} runs.</p> : null}
      <div className="batch-runs-scroll">
        <table className="grid-table runs-table">
          <caption>Runs in the order delivered; pick one to see its attempts</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">Run</th>
              <th scope="col">Event</th>
              <th scope="col">Status</th>
              <th scope="col">Attempts</th>
              <th scope="col">Last</th>
            </tr>
          </thead>
          <tbody>
            {runs.map((run, i) => {
              const last = run.attempts[run.attempts.length - 1];
              const selected = run.id === shownId;
              return (
                <tr
                  key={run.id}
                  data-testid="run-row"
                  data-run-id={run.id}
                  data-duplicate-of={run.duplicateOf ?? ''}
                  className={selected ? 'run-selected' : undefined}
                  onClick={() => onSelect(run.id)}
                >
                  <td className="mono dim">{i + 1}</td>
                  <td>
                    <button type="button" className="link-button run-pick mono" aria-pressed={selected} aria-label={`Run #${run.id}: show its attempts`} onClick={() => onSelect(run.id)}>
                      #{run.id}
                    </button>
                  </td>
                  <td>
                    <span className="mono">{run.event}</span>
                    {run.duplicateOf !== null ? (
                      <span className="dup-badge" data-testid="duplicate-badge">
                        duplicate of #{run.duplicateOf}
                      </span>
                    ) : null}
                  </td>
                  <td>
                    <span className={`run-status run-${run.status}`} data-run-status={run.status}>
                      {run.status}
                    </span>
                  </td>
                  <td className="mono">{run.attempts.length}</td>
                  <td className="mono">{last ? last.error && last.status === null ? <span className="status-bad">{last.error}</span> : <StatusCode status={last.status} /> : <span className="dim">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
