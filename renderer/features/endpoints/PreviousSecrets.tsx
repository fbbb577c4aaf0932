// The secrets an endpoint still accepts after a rotation, masked, each removable before saving. For a
// provider whose document says a new key invalidates the old one (Aptly), they are recognised but
// rejected: a delivery carrying one is invalid, with a hint naming the regenerated key.
import { maskSecret } from './form-model.js';

export function PreviousSecrets({ secrets, onRemove, rejectedBy }: { secrets: readonly string[]; onRemove(index: number): void; rejectedBy?: string }) {
  if (secrets.length === 0) return null;
  return (
    <div data-testid="previous-secrets">
      <p className="help">
        {rejectedBy
          ? `Recognised but rejected: ${rejectedBy} invalidates a regenerated key, so a delivery carrying one of these is invalid (older last):`
          : 'Also accepted (previous secrets, older last):'}
      </p>
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
