// Beside the Sender's payload: how much of it the provider's document shows (issue #20). A developer
// builds their handler on what Hookscope sends, so every field the document does not show is named.
import type { ProviderSummary } from '../../../shared/api/providers.js';

type Fidelity = ProviderSummary['events'][number]['fidelity'];

const KIND_TEXT = {
  documented: 'Documented',
  extended: 'Extended',
  invented: 'Invented',
} as const;

export function PayloadMark({ fidelity, edited }: { fidelity: Fidelity | undefined; edited: boolean }) {
  if (edited) {
    return (
      <p className="payload-mark" data-testid="payload-mark" data-kind="edited">
        <span className="mark-badge mark-edited">Edited</span> Your payload: sent as typed, not compared with the document.
      </p>
    );
  }
  if (!fidelity) {
    return (
      <p className="payload-mark dim" data-testid="payload-mark" data-kind="none">
        Sample not compared with a provider document.
      </p>
    );
  }
  return (
    <div className="payload-mark" data-testid="payload-mark" data-kind={fidelity.kind}>
      <p>
        <span className={`mark-badge mark-${fidelity.kind}`}>{KIND_TEXT[fidelity.kind]}</span> {fidelity.basis}
      </p>
      {fidelity.invented.length > 0 ? (
        <p className="mark-paths">
          Not in the document (yours may never arrive):{' '}
          {fidelity.invented.map((path, i) => (
            <span key={path}>
              {i > 0 ? ', ' : null}
              <code>{path}</code>
            </span>
          ))}
        </p>
      ) : null}
    </div>
  );
}
