import type { Verification } from '../../../shared/domain.js';
import { CopyButton } from '../common/CopyButton.js';
import { evidenceRows } from './evidence-rows.js';

/** The received signature above the expected one, each in the colour of the comparison; then the timestamp. */
export function EvidenceTable({ verification }: { verification: Verification }) {
  const evidence = verification.evidence!;
  const rows = evidenceRows(verification);
  return (
    <div className="evidence">
      <table className="kv" data-testid="evidence">
        <tbody>
          {rows.map((row) => (
            <tr key={row.label} className={`sig-${row.tone}`} data-tone={row.tone}>
              <th scope="row">{row.label}</th>
              <td className="mono break">
                {row.value}
                {row.tone === 'match' ? <span className="sig-mark" aria-label="matches"> ✓</span> : null}
                {row.tone === 'mismatch' ? <span className="sig-mark" aria-label="does not match"> ✗</span> : null}
                {row.note ? <span className="sig-note"> {row.note}</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {evidence.signedPayloadPreview !== undefined ? (
        <div className="signed-payload">
          <div className="section-label">
            Signed payload <span className="dim">(what the signature covers)</span>
            <CopyButton text={evidence.signedPayloadPreview} />
          </div>
          <pre className="mono">{evidence.signedPayloadPreview}</pre>
        </div>
      ) : null}
    </div>
  );
}
