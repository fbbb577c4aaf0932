// What to do with the marked deliveries: compare two, replay them in the order they arrived, or
// delete them (after a second click).
import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { useDiff } from '../../state/diff.js';
import { useReplay } from '../../state/replay.js';
import { useUi } from '../../state/ui.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { VerifyManyButton } from '../common/VerifyManyButton.js';

export function MarkBar() {
  const marked = useUi((s) => s.marked);
  const clearMarks = useUi((s) => s.clearMarks);
  const show = useUi((s) => s.show);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  if (marked.length === 0) return null;

  const diff = () => {
    // The older one as A, whichever was marked first.
    const [a, b] = [...marked].sort((x, y) => x - y);
    void useDiff.getState().compare(a!, b!);
    show('diff');
  };
  const replay = () => {
    void useReplay.getState().prepare(marked);
    show('replay');
  };
  const remove = async () => {
    setConfirming(false);
    try {
      await api.call('deliveries.delete', { ids: marked });
      clearMarks();
      setError(null);
    } catch (err) {
      setError(asApiError(err));
    }
  };
  return (
    <>
      <div className="mark-bar" role="toolbar" aria-label="Marked deliveries">
        <strong>{marked.length} marked</strong>
        <button type="button" className="btn btn-small" onClick={diff} disabled={marked.length !== 2} title={marked.length !== 2 ? 'Mark exactly two to compare' : undefined}>
          Diff the two
        </button>
        <button type="button" className="btn btn-small" onClick={replay}>
          Replay {marked.length > 1 ? 'in order' : ''}…
        </button>
        <VerifyManyButton which={{ ids: marked }} label="Verify again" title="Check the marked deliveries again with their endpoints' current secrets" />
        {confirming ? (
          <button type="button" className="btn btn-small btn-danger" onClick={() => void remove()}>
            Delete {marked.length}, for good
          </button>
        ) : (
          <button type="button" className="btn btn-small" onClick={() => setConfirming(true)}>
            Delete…
          </button>
        )}
        <button type="button" className="btn btn-small btn-quiet" onClick={() => (setConfirming(false), clearMarks())}>
          Clear marks
        </button>
      </div>
      <ErrorNote error={error} />
    </>
  );
}
