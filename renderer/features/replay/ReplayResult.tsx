import type { Replay } from '../../../shared/api/replay.js';
import { formatDuration, formatTime } from '../../lib/format.js';
import { StatusCode } from '../common/StatusCode.js';
import { HeadersTable } from '../delivery/HeadersTable.js';
import { RawText } from '../delivery/RawText.js';

/** One replay: where it went, what came back (or why nothing did). `label` names it (default: its delivery). */
export function ReplayResult({ replay, expanded = false, label }: { replay: Replay; expanded?: boolean; label?: string }) {
  const { response, error } = replay;
  return (
    <details className="replay-result" open={expanded} data-testid="replay-result" data-replay-id={replay.id} data-status={response?.status ?? ''}>
      <summary>
        <span className="mono dim">{label ?? `#${replay.deliveryId}`}</span>
        <span className="mono">{replay.request.method}</span>
        <span className="mono break">{replay.request.url}</span>
        <span className="replay-outcome">
          {response ? <StatusCode status={response.status} /> : <span className="status status-bad">{error?.kind ?? 'no answer'}</span>}
          <span className="dim"> · {formatDuration(replay.durationMs)}</span>
        </span>
        <span className="dim replay-meta">
          {replay.mode}
          {replay.edited ? ', edited' : ''} · {formatTime(replay.createdAt)}
        </span>
      </summary>
      <div className="replay-body">
        {error ? <p className="error-text">{error.message}</p> : null}
        {replay.diagnosis ? (
          <p className="warn-note" data-testid="replay-diagnosis">
            Why: {replay.diagnosis}
          </p>
        ) : null}
        {response ? (
          <>
            <h4>Response headers</h4>
            <HeadersTable headers={response.headers} />
            <h4>Response body</h4>
            {response.bodyText !== null ? (
              response.bodyText ? <RawText text={response.bodyText} /> : <p className="dim">Empty.</p>
            ) : (
              <p className="dim">Not text ({response.bodyBase64.length} base64 characters).</p>
            )}
            {response.truncated ? <p className="warn-note">The response body was cut at the replay's capture limit.</p> : null}
          </>
        ) : null}
        <h4>Sent headers</h4>
        <HeadersTable headers={replay.request.headers} />
      </div>
    </details>
  );
}
