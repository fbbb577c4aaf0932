// "Verify again" for many deliveries at once (an endpoint's, or the marked ones), after a secret
// changed: the server checks them with the endpoints' current secrets and stores the new verdicts;
// the inbox and the open delivery then show them.
import { useState } from 'react';
import type { VerifyManyResult } from '../../../shared/api/deliveries.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { pluralize } from '../../lib/format.js';
import { useDetail } from '../../state/detail.js';
import { useInbox } from '../../state/inbox.js';
import { ErrorNote } from './ErrorNote.js';
import { Icon } from './Icon.js';

type Which = { endpoint: string } | { ids: number[] };

export function VerifyManyButton({ which, label, title }: { which: Which; label: string; title?: string }) {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<VerifyManyResult | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const done = await api.call('deliveries.verifyMany', which);
      setResult(done);
      await Promise.all([useInbox.getState().reload(), useDetail.getState().refreshVerdicts()]);
    } catch (err) {
      setError(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="verify-many">
      <button type="button" className="btn btn-small" onClick={() => void run()} disabled={busy} title={title}>
        <Icon name="refresh" />
        {busy ? 'Verifying…' : label}
      </button>
      {result ? (
        <span className="dim" role="status" data-testid="verify-many-result">
          {describeResult(result)}
        </span>
      ) : null}
      <ErrorNote error={error} />
    </span>
  );
}

export function describeResult(result: VerifyManyResult): string {
  const verdicts = Object.entries(result.byVerdict)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  if (result.checked === 0) return 'No deliveries to check.';
  return `Checked ${pluralize(result.checked, 'delivery', 'deliveries')}: ${verdicts}. ${result.changed === 0 ? 'No verdict changed.' : `${pluralize(result.changed, 'verdict')} changed.`}`;
}
