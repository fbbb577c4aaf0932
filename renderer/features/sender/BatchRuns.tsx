// Every run of a batch in the order the provider delivered them (after any shuffle): where its event
// stood in the order the events occurred (so a shuffle shows: "event 3 arrived first"), its event,
// which run it duplicates, its status, its attempts and the last answer. Picking a run shows its
// attempts on the schedule below. A plain table, so screen readers get one row per run with its
// headers. The heading's totals come from the core and cover the whole batch, even when the table
// holds only its first runs.
import type { SendBatchSummary, SendRun, SendStatus } from '../../../shared/api/sender.js';
import { StatusCode } from '../common/StatusCode.js';
import { earlyArrivals } from './arrival-order.js';

const STATUS_ORDER: SendStatus[] = ['delivered', 'scheduled', 'retrying', 'failing', 'failed', 'disabled', 'stopped'];

interface BatchRunsProps {
  batchId: number;
  /** The batch's first runs (all of them unless it is larger than a page). */
  runs: SendRun[];
  summary: SendBatchSummary;
  selectedId: number | null;
  onSelect(id: number): void;
}

const fmt = (n: number) => n.toLocaleString('en-US');

/** "4 delivered · 2 scheduled": the whole batch at a glance. */
function statusCounts(counts: SendBatchSummary['counts']): string {
  return STATUS_ORDER.filter((s) => counts[s] > 0)
    .map((s) => `${fmt(counts[s])} ${s}`)
    .join(' · ');
}

export function BatchRuns({ batchId, runs, summary, selectedId, onSelect }: BatchRunsProps) {
  const { total, duplicates } = summary;
  const hidden = total - runs.length;
  const early = earlyArrivals(runs);
  const shownId = selectedId ?? runs[0]?.id;
  return (
    <section className="card batch-runs" data-testid="send-runs" aria-labelledby="batch-runs-title">
      <div className="batch-runs-head">
        <h3 id="batch-runs-title">
          Batch #{batchId}: {fmt(total)} run{total === 1 ? '' : 's'}
          {duplicates ? <span className="dim"> ({fmt(duplicates)} duplicate{duplicates === 1 ? '' : 's'})</span> : null}
        </h3>
        <span className="dim" data-testid="batch-counts">
          {statusCounts(summary.counts)}
        </span>
      </div>
      {hidden > 0 ? (
        <p className="help" data-testid="runs-hidden">
          Showing the first {fmt(runs.length)} runs: {fmt(hidden)} more {hidden === 1 ? 'is' : 'are'} not listed (the totals above count them).
        </p>
      ) : null}
      <div className="batch-runs-scroll">
        <table className="grid-table runs-table">
          <caption>Runs in the order delivered, with the position their event occurred at; pick one to see its attempts</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col" title="Position of the event in the order the events occurred, before any shuffle">
                Occurred
              </th>
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
                  data-occurred={run.occurredSeq ?? ''}
                  className={selected ? 'run-selected' : undefined}
                  onClick={() => onSelect(run.id)}
                >
                  <td className="mono dim">{i + 1}</td>
                  <td data-testid="run-occurred">
                    {run.occurredSeq === null || run.occurredSeq === undefined ? (
                      <span className="dim" title="Not recorded: sent by an older Hookscope">
                        —
                      </span>
                    ) : (
                      <>
                        <span className="mono">{run.occurredSeq + 1}</span>
                        {early.has(run.id) ? <span className="status-warn"> early</span> : null}
                      </>
                    )}
                  </td>
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
