// An endpoint's "Clear": removes the deliveries captured under its path (the endpoint stays), after a
// second click.
import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';

export function ClearDeliveries({ path, onError }: { path: string; onError(error: ApiError | null): void }) {
  const [confirming, setConfirming] = useState(false);
  const clear = async () => {
    setConfirming(false);
    try {
      await api.call('deliveries.clear', { endpoint: path });
      onError(null);
    } catch (err) {
      onError(asApiError(err));
    }
  };
  if (!confirming) {
    return (
      <button type="button" className="btn btn-small btn-quiet" onClick={() => setConfirming(true)} title={`Remove the deliveries captured under ${path}`}>
        Clear
      </button>
    );
  }
  return (
    <>
      <button type="button" className="btn btn-small btn-danger" onClick={() => void clear()}>
        Clear deliveries of {path}
      </button>
      <button type="button" className="btn btn-small btn-quiet" onClick={() => setConfirming(false)}>
        Keep them
      </button>
    </>
  );
}
