// The verdict in plain words: what was checked, what failed, the likely mistake, and the evidence to
// compare by eye. Everything here can come from a hostile request (headers echo back in the reason
// and evidence), so it is all rendered as text.
import type { ApiError } from '../../../shared/api/errors.js';
import type { ProviderSummary } from '../../../shared/api/providers.js';
import type { Verification } from '../../../shared/domain.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { Icon } from '../common/Icon.js';
import { VERDICT_MEANING, VerdictBadge } from '../common/VerdictBadge.js';
import { VerifyManyButton } from '../common/VerifyManyButton.js';
import { EvidenceTable } from './EvidenceTable.js';

interface Props {
  verification: Verification;
  /** The endpoint the delivery matched, whose deliveries can all be checked again. */
  endpoint: string | null;
  provider: ProviderSummary | null;
  verifying: boolean;
  verifyError: ApiError | null;
  onVerifyAgain(): void;
}

export function VerdictPanel({ verification, endpoint, provider, verifying, verifyError, onVerifyAgain }: Props) {
  const { status, reason, hints, evidence } = verification;
  return (
    <section className={`verdict-panel verdict-panel-${status}`} aria-label="Signature verdict" data-testid="verdict-panel">
      <div className="verdict-head">
        <VerdictBadge status={status} />
        <span className="verdict-provider">
          {provider ? provider.name : verification.provider ?? 'no provider'}
          {verification.detected ? <span className="dim"> (detected from headers)</span> : null}
        </span>
        <span className="verdict-actions">
          {endpoint && (verification.provider || status !== 'unsigned') ? <VerifyManyButton which={{ endpoint }} label="Verify all of this endpoint" title={`Check every delivery of ${endpoint} again with its current secrets`} /> : null}
          <button type="button" className="btn btn-small" onClick={onVerifyAgain} disabled={verifying} title="Check again with the endpoint's current provider and secrets">
            <Icon name="refresh" />
            {verifying ? 'Verifying…' : 'Verify again'}
          </button>
        </span>
      </div>
      <p className="verdict-reason" data-testid="verdict-reason">{reason || VERDICT_MEANING[status]}</p>
      {hints.length > 0 ? (
        <div className="verdict-hints" data-testid="verdict-hints">
          <h4>{status === 'valid' ? 'Note' : 'Likely cause'}</h4>
          <ul>
            {hints.map((hint, i) => (
              <li key={i}>{hint}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <ErrorNote error={verifyError} />
      {evidence && (evidence.expected || evidence.received || evidence.scheme) ? <EvidenceTable verification={verification} /> : null}
      {provider && provider.notes.length > 0 ? (
        <details className="provider-notes">
          <summary>About {provider.name}'s webhooks</summary>
          <p className="dim">{provider.scheme}</p>
          <ul>
            {provider.notes.map((note, i) => (
              <li key={i}>{note}</li>
            ))}
          </ul>
        </details>
      ) : null}
    </section>
  );
}
