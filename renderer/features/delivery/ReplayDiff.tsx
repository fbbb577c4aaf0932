import type { MethodOutput } from '../../../shared/api/contract.js';
import { formatBytes } from '../../lib/format.js';
import { HeaderDiff } from '../diff/HeaderDiff.js';
import { JsonDiff } from '../diff/JsonDiff.js';
import { LineDiff } from '../diff/LineDiff.js';

/** The delivery (old) against what a replay's handler answered (new): headers, then the body. */
export function ReplayDiff({ diff, onClose }: { diff: MethodOutput<'diff.replay'>; onClose(): void }) {
  return (
    <section className="replay-diff" data-testid="replay-diff" aria-label={`Delivery #${diff.deliveryId} against replay ${diff.replayId}'s response`}>
      <div className="section-label">
        <span>
          This delivery <span className="dim">→</span> replay {diff.replayId}'s response
        </span>
        <button type="button" className="btn btn-small btn-quiet" onClick={onClose}>
          Close
        </button>
      </div>
      {diff.equal ? <p className="equal-note">Identical headers and body bytes.</p> : null}
      <h4 className="section-title">Headers</h4>
      <HeaderDiff changes={diff.headers} />
      <h4 className="section-title">
        Body <span className="dim">({diff.format}, {formatBytes(diff.size.old)} → {formatBytes(diff.size.new)})</span>
      </h4>
      {diff.bodyEqual ? <p className="dim">Byte-identical bodies.</p> : null}
      {!diff.bodyEqual && diff.format === 'json' ? <JsonDiff changes={diff.changes} /> : null}
      {!diff.bodyEqual && diff.format === 'text' ? <LineDiff lines={diff.lines} /> : null}
      {!diff.bodyEqual && diff.format === 'binary' ? <p>The bodies differ; at least one is not text.</p> : null}
    </section>
  );
}
