// The delivery's replays, newest first: where each went and what came back, "replay again" to the
// last target, and the delivery compared with what a replay's handler answered.
import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { MethodOutput } from '../../../shared/api/contract.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { lastTarget, useDeliveryReplays } from '../../state/delivery-replays.js';
import { useReplay } from '../../state/replay.js';
import { useUi } from '../../state/ui.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { ReplayResult } from '../replay/ReplayResult.js';
import { ReplayDiff } from './ReplayDiff.js';

type ReplayDiffResult = MethodOutput<'diff.replay'>;

export function ReplaysView({ id }: { id: number }) {
  const { items, error, sending, again } = useDeliveryReplays();
  const show = useUi((s) => s.show);
  const [diff, setDiff] = useState<ReplayDiffResult | null>(null);
  const [diffError, setDiffError] = useState<ApiError | null>(null);
  const last = lastTarget(items);
  const compare = async (replayId: number) => {
    setDiffError(null);
    try {
      setDiff(await api.call('diff.replay', { deliveryId: id, replayId, against: 'response' }));
    } catch (err) {
      setDiff(null);
      setDiffError(asApiError(err));
    }
  };
  const replayElsewhere = () => {
    void useReplay.getState().prepare([id]);
    show('replay');
  };

  return (
    <div className="replays-view" data-testid="delivery-replays">
      <div className="toolbar-mini">
        {last ? (
          <button type="button" className="btn btn-small btn-primary" onClick={() => void again()} disabled={sending} title={`Send it again to ${last.target}, ${last.mode === 're-signed' ? 're-signed' : 'as captured'}`}>
            {sending ? 'Replaying…' : 'Replay again'}
          </button>
        ) : null}
        {last ? (
          <span className="dim">
            to <span className="mono">{last.target}</span>, {last.mode === 're-signed' ? 're-signed' : 'as captured'}
          </span>
        ) : null}
        <button type="button" className="btn btn-small" onClick={replayElsewhere}>
          Replay…
        </button>
      </div>
      <ErrorNote error={error} />
      {items.length === 0 ? <p className="dim">Not replayed yet. Replay it to your handler to see what it answers; each replay is listed here.</p> : null}
      <ol className="replay-list" reversed>
        {items.map((r) => (
          <li key={r.id} data-testid="delivery-replay" data-replay-id={r.id}>
            <ReplayResult replay={r} label={`Replay ${r.id}`} />
            {r.response ? (
              <button type="button" className="btn btn-small btn-quiet" onClick={() => void compare(r.id)}>
                Compare with its response
              </button>
            ) : null}
          </li>
        ))}
      </ol>
      <ErrorNote error={diffError} />
      {diff ? <ReplayDiff diff={diff} onClose={() => setDiff(null)} /> : null}
    </div>
  );
}
