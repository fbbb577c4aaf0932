// The verdict in every place it appears: an icon and a word as well as a colour, so it reads the same
// to someone who cannot tell red from green, and in a screenshot printed in grey.
import type { VerificationStatus } from '../../../shared/domain.js';
import { Icon } from './Icon.js';

const LABELS: Record<VerificationStatus, string> = {
  valid: 'valid',
  invalid: 'invalid',
  unsigned: 'unsigned',
  'no-secret': 'no secret',
};

export const VERDICT_MEANING: Record<VerificationStatus, string> = {
  valid: 'The signature matches the body and the secret.',
  invalid: 'The signature does not match: the body, the secret or the signing code differ.',
  unsigned: 'No signature arrived with this request.',
  'no-secret': 'A signature arrived, but no secret is set to check it with.',
};

export function VerdictBadge({ status }: { status: VerificationStatus }) {
  return (
    <span className={`verdict verdict-${status}`} title={VERDICT_MEANING[status]} data-verdict={status}>
      <Icon name={status} />
      {LABELS[status]}
    </span>
  );
}
