import type { VerificationEvidence } from '../../../shared/domain.js';
import { CopyButton } from '../common/CopyButton.js';

/** Expected and received signatures one above the other, so a prefix or an encoding difference shows. */
export function EvidenceTable({ evidence }: { evidence: VerificationEvidence }) {
  const rows: Array<[string, string | undefined]> = [
    ['Scheme', evidence.scheme],
    ['Header', evidence.header],
    ['Received', evidence.received],
    ['Expected', evidence.expected],
  ];
  const same = evidence.received !== undefined && evidence.received === evidence.expected;
  return (
    <div className="evidence">
      <table className="kv">
        <tbody>
          {rows
            .filter(([, value]) => value !== undefined)
            .map(([label, value]) => (
              <tr key={label} className={label === 'Received' || label === 'Expected' ? (same ? 'sig-same' : 'sig-differs') : undefined}>
                <th scope="row">{label}</th>
                <td className="mono break">{value}</td>
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
