import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import type { Endpoint } from '../../../shared/domain.js';
import { providerName, useEndpoints } from '../../state/endpoints.js';
import { CopyButton } from '../common/CopyButton.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { ClearDeliveries } from './ClearDeliveries.js';
import { VerifyManyButton } from '../common/VerifyManyButton.js';
import { endpointUrl } from './form-model.js';

/** One endpoint: where to point the provider, how it is checked, and what it answers. */
export function EndpointRow({ endpoint, receiverUrl, onEdit }: { endpoint: Endpoint; receiverUrl: string | null; onEdit(): void }) {
  const providers = useEndpoints((s) => s.providers);
  const remove = useEndpoints((s) => s.remove);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const url = receiverUrl ? endpointUrl(receiverUrl, endpoint.path) : null;
  // Through a tunnel (serve --tunnel): the URL to paste into the provider's dashboard.
  const publicBase = useEndpoints((s) => s.settings?.publicUrl ?? null);
  const publicUrl = publicBase ? endpointUrl(publicBase, endpoint.path) : null;
  const { response } = endpoint;

  return (
    <>
      <tr data-testid="endpoint-row" data-path={endpoint.path}>
        <td className="mono">
          {endpoint.path}
          {publicUrl ? (
            <div className="dim break" data-testid="endpoint-public-url" title="Give the provider this URL">
              {publicUrl}
            </div>
          ) : null}
          {endpoint.relay ? <div className="dim break">← {endpoint.relay}</div> : null}
        </td>
        <td>{providerName(providers, endpoint.provider) ?? <span className="dim">none</span>}</td>
        <td>
          {endpoint.secretsUnreadable ? (
            <span className="warn-text" title="Sealed with a key this machine does not have (the database came from another machine or account)">enter again</span>
          ) : endpoint.secret ? (
            <span className="mono dim" title="set (masked)">{endpoint.secret}</span>
          ) : (
            <span className="dim">not set</span>
          )}
        </td>
        <td className="mono">
          {response.status}
          {response.delayMs ? <span className="dim"> after {response.delayMs} ms</span> : null}
        </td>
        <td className="mono break" data-testid="endpoint-forward">
          {endpoint.forwardRules.map((r, i) => (
            <div key={i}>
              <span className="dim">{r.event} →</span> {r.url}
            </div>
          ))}
          {endpoint.forwardTo ? <div>{endpoint.forwardRules.length ? <span className="dim">otherwise → </span> : null}{endpoint.forwardTo}</div> : null}
          {!endpoint.forwardTo && endpoint.forwardRules.length === 0 ? <span className="dim">—</span> : null}
        </td>
        <td className="actions">
          {publicUrl ? <CopyButton text={publicUrl} label="Copy public URL" /> : null}
          {url ? <CopyButton text={url} label="Copy URL" /> : null}
          <button type="button" className="btn btn-small" onClick={onEdit}>
            Edit
          </button>
          <ClearDeliveries path={endpoint.path} onError={setError} />
          <VerifyManyButton which={{ endpoint: endpoint.path }} label="Verify deliveries again" title="Check every delivery of this endpoint again with its current secrets (after the secret changed)" />
          {confirming ? (
            <>
              <button
                type="button"
                className="btn btn-small btn-danger"
                onClick={async () => {
                  setError(await remove(endpoint.id));
                  setConfirming(false);
                }}
              >
                Delete {endpoint.path}
              </button>
              <button type="button" className="btn btn-small btn-quiet" onClick={() => setConfirming(false)}>
                Keep
              </button>
            </>
          ) : (
            <button type="button" className="btn btn-small btn-quiet" onClick={() => setConfirming(true)}>
              Delete
            </button>
          )}
        </td>
      </tr>
      {error ? (
        <tr>
          <td colSpan={6}>
            <ErrorNote error={error} />
          </td>
        </tr>
      ) : null}
    </>
  );
}
