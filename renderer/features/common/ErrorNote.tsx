import type { ApiError } from '../../../shared/api/errors.js';

/** An error shown where it happened: what went wrong, and the fields at fault when the API named them. */
export function ErrorNote({ error, onRetry }: { error: ApiError | null; onRetry?: () => void }) {
  if (!error) return null;
  return (
    <div className="error-note" role="alert" data-code={error.code}>
      <span>{error.message}</span>
      {error.issues && error.issues.length > 1 ? (
        <ul>
          {error.issues.map((issue) => (
            <li key={issue}>{issue}</li>
          ))}
        </ul>
      ) : null}
      {onRetry ? (
        <button type="button" className="btn btn-small" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
