// The secrets an endpoint still accepts after a rotation, masked, each removable before saving.
import { maskSecret } from './form-model.js';

export function PreviousSecrets({ secrets, onRemove }: { secrets: readonly string[]; onRemove(index: number): void }) {
  if (secrets.length === 0) return null;
  return (
    <div data-testid="previous-secrets">
      <p className="help">Also accepted (previous secrets, older last):</p>
      <ul className="previous-secrets">
        {secrets.map((secret, i) => (
          // Secrets can repeat in old data; the position is what the remove button acts on.
          <li key={i} data-testid="previous-secret">
            <span className="mono" aria-label={`Previous secret ${i + 1}, masked`}>{maskSecret(secret)}</span>{' '}
            <button type="button" className="btn btn-small" onClick={() => onRemove(i)} aria-label={`Remove previous secret ${i + 1}`}>
              Remove
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
