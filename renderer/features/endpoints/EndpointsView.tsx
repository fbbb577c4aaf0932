// Endpoints: path prefixes that tell the receiver which provider signs what arrives there, with
// which secret, and what to answer.
import { useState } from 'react';
import type { Endpoint } from '../../../shared/domain.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { asApiError } from '../../api/errors.js';
import { useEndpoints } from '../../state/endpoints.js';
import { CopyButton } from '../common/CopyButton.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { EndpointForm } from './EndpointForm.js';
import { EndpointRow } from './EndpointRow.js';

type Editing = { kind: 'closed' } | { kind: 'new' } | { kind: 'edit'; endpoint: Endpoint };

export function EndpointsView() {
  const endpoints = useEndpoints((s) => s.endpoints);
  const settings = useEndpoints((s) => s.settings);
  const error = useEndpoints((s) => s.error);
  const loadAll = useEndpoints((s) => s.loadAll);
  const revealed = useEndpoints((s) => s.revealed);
  const [editing, setEditing] = useState<Editing>({ kind: 'closed' });
  const [revealError, setRevealError] = useState<ApiError | null>(null);
  const receiverUrl = settings?.receiverUrl ?? null;

  // The form edits the secrets themselves, so it gets the endpoint with them (the list holds them
  // masked); without them it does not open, as saving a mask would replace the secret with it.
  const edit = async (endpoint: Endpoint) => {
    try {
      const full = await revealed(endpoint.id);
      setRevealError(null);
      if (full) setEditing({ kind: 'edit', endpoint: full });
    } catch (err) {
      setRevealError(asApiError(err));
    }
  };

  return (
    <div className="page endpoints-page">
      <div className="page-head">
        <div>
          <h2>Endpoints</h2>
          <p className="dim">
            Requests under an endpoint's path are checked with its provider and secret, and get its response. Anything else is still captured.
          </p>
        </div>
        <div className="page-actions">
          {receiverUrl ? (
            <span className="copy-line">
              <span className="dim">Receiver</span> <code className="mono">{receiverUrl}</code>
              <CopyButton text={receiverUrl} />
            </span>
          ) : null}
          <button type="button" className="btn btn-primary" onClick={() => setEditing({ kind: 'new' })} disabled={editing.kind === 'new'}>
            New endpoint
          </button>
        </div>
      </div>
      <ErrorNote error={error} onRetry={() => void loadAll()} />
      <ErrorNote error={revealError} />
      {editing.kind !== 'closed' ? (
        <EndpointForm
          key={editing.kind === 'edit' ? editing.endpoint.id : 'new'}
          editing={editing.kind === 'edit' ? editing.endpoint : null}
          onDone={() => setEditing({ kind: 'closed' })}
        />
      ) : null}
      {endpoints.length === 0 ? (
        <p className="empty-note">No endpoints yet. Without one, every request is captured and answered 200, and the provider is guessed from its headers.</p>
      ) : (
        <table className="grid-table endpoints-table">
          <thead>
            <tr>
              <th>Path</th>
              <th>Provider</th>
              <th>Secret</th>
              <th>Answers</th>
              <th>Forward to</th>
              <th aria-label="Actions" />
            </tr>
          </thead>
          <tbody>
            {endpoints.map((endpoint) => (
              <EndpointRow key={endpoint.id} endpoint={endpoint} receiverUrl={receiverUrl} onEdit={() => void edit(endpoint)} />
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
