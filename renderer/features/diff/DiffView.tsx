// Two deliveries compared: the request line, the headers and the body (JSON paths, or text lines),
// A on the left, B on the right. The diff itself is computed by the core (shared/diff), the same one
// `hookscope diff` prints.
import { useDiff } from '../../state/diff.js';
import { useUi } from '../../state/ui.js';
import { base64ToBytes } from '../../lib/bytes.js';
import { formatBytes, formatTime } from '../../lib/format.js';
import { HEX_DIFF_LIMIT, hexDiff } from '../../lib/hex-diff.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { VerdictBadge } from '../common/VerdictBadge.js';
import { DiffPicker } from './DiffPicker.js';
import { HeaderDiff } from './HeaderDiff.js';
import { JsonDiff } from './JsonDiff.js';
import { LineDiff } from './LineDiff.js';

function Side({ label, id }: { label: string; id: number }) {
  const summary = useDiff((s) => s.summaries[id]);
  const open = useUi((s) => s.open);
  return (
    <div className="diff-side">
      <span className="diff-side-label">{label}</span>
      <button type="button" className="link-button mono" onClick={() => open(id)} title="Open in the inbox">
        #{id}
      </button>
      {summary ? (
        <>
          <span className="mono">
            {summary.method} {summary.path}
          </span>
          <span className="dim">{formatTime(summary.receivedAt)}</span>
          <VerdictBadge status={summary.verification.status} />
        </>
      ) : null}
    </div>
  );
}

/** Parsing hid the difference (JSON.parse keeps neither big numbers exactly nor duplicate keys). */
function JsonEquivalentNote() {
  return (
    <p className="dim" data-testid="json-equivalent-note">
      The bytes differ, though both bodies parse to the same JSON values: the difference is in formatting, key order, a duplicate key
      or a number too long to compare once parsed. The lines that differ:
    </p>
  );
}

/** Bodies that are not both text: their hex dumps, line by line. */
function HexBodyDiff({ a, b }: { a: number; b: number }) {
  const left = useDiff((s) => s.summaries[a]);
  const right = useDiff((s) => s.summaries[b]);
  if (!left || !right) return null;
  const { lines, cut } = hexDiff(base64ToBytes(left.bodyBase64), base64ToBytes(right.bodyBase64));
  return (
    <div data-testid="hex-diff">
      <p className="dim">At least one body is not text: compared as hex, 16 bytes a line (offset, bytes, printable characters).</p>
      {cut ? <p className="dim">Only the first {formatBytes(HEX_DIFF_LIMIT)} of each body are compared.</p> : null}
      <LineDiff lines={lines} />
    </div>
  );
}

export function DiffView() {
  const { a, b, result, loading, error } = useDiff();
  return (
    <div className="page diff-page">
      <div className="page-head">
        <div>
          <h2>Diff</h2>
          <p className="dim">Mark two deliveries in the inbox (x or the checkboxes), or open one and compare it with the previous one.</p>
        </div>
      </div>
      <DiffPicker />
      <ErrorNote error={error} />
      {loading ? <p className="dim">Comparing…</p> : null}
      {result && a !== null && b !== null ? (
        <div className="diff-result" data-testid="diff-result">
          <div className="diff-sides">
            <Side label="A" id={a} />
            <Side label="B" id={b} />
          </div>
          {result.equal && result.request.length === 0 ? <p className="equal-note">Identical: same request line, headers and body bytes.</p> : null}
          {result.request.length > 0 ? (
            <section>
              <h4>Request line</h4>
              <table className="grid-table diff-table">
                <tbody>
                  {result.request.map((r) => (
                    <tr key={r.field} className="diff-changed">
                      <td className="diff-path">{r.field}</td>
                      <td className="mono break diff-old">{r.old || <span className="dim">(empty)</span>}</td>
                      <td className="mono break diff-new">{r.new || <span className="dim">(empty)</span>}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ) : null}
          <section>
            <h4>Headers</h4>
            <HeaderDiff changes={result.headers} />
          </section>
          <section>
            <h4>
              Body{' '}
              <span className="dim">
                ({result.jsonEquivalent ? 'JSON, compared as text' : result.format}, {formatBytes(result.size.old)} → {formatBytes(result.size.new)})
              </span>
            </h4>
            {result.bodyEqual ? <p className="dim">Byte-identical bodies.</p> : null}
            {!result.bodyEqual && result.format === 'json' ? <JsonDiff changes={result.changes} /> : null}
            {!result.bodyEqual && result.jsonEquivalent ? <JsonEquivalentNote /> : null}
            {!result.bodyEqual && result.format === 'text' ? <LineDiff lines={result.lines} /> : null}
            {!result.bodyEqual && result.format === 'binary' ? <HexBodyDiff a={a} b={b} /> : null}
          </section>
        </div>
      ) : null}
    </div>
  );
}
