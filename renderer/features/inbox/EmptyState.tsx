// What a new user sees before the first delivery: where to send webhooks, a request to try right
// now, and the next step (an endpoint with the provider's secret, so signatures get checked).
import { useState } from 'react';
import type { ApiError } from '../../../shared/api/errors.js';
import { useEndpoints } from '../../state/endpoints.js';
import { sendSampleToSelf } from '../../state/sender.js';
import { useUi } from '../../state/ui.js';
import { CopyButton } from '../common/CopyButton.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { Icon } from '../common/Icon.js';

export function curlExample(receiverUrl: string, path = '/hooks/test'): string {
  return `curl -X POST ${receiverUrl}${path} \\\n  -H 'Content-Type: application/json' \\\n  -d '{"event":"hello","data":{"id":1}}'`;
}

export function EmptyState() {
  const settings = useEndpoints((s) => s.settings);
  const endpoints = useEndpoints((s) => s.endpoints);
  const show = useUi((s) => s.show);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const sendSample = async () => {
    setSending(true);
    setError(await sendSampleToSelf());
    setSending(false);
  };
  const receiverUrl = settings?.receiverUrl ?? null;
  const examplePath = endpoints[0]?.path ?? '/hooks/test';

  return (
    <div className="empty-state" data-testid="empty-state">
      <div className="empty-icon">
        <Icon name="inbox" />
      </div>
      <h2>Waiting for the first webhook</h2>
      {receiverUrl ? (
        <>
          <p>Point your provider's webhook URL at the receiver. Any method, any path is captured.</p>
          <div className="copy-line">
            <code className="mono" data-testid="receiver-url">{receiverUrl}</code>
            <CopyButton text={receiverUrl} />
          </div>
          <p>Or try it from a terminal:</p>
          <div className="copy-block">
            <pre className="mono">{curlExample(receiverUrl, examplePath)}</pre>
            <CopyButton text={curlExample(receiverUrl, examplePath)} label="Copy command" />
          </div>
          <p>
            Or let Hookscope play a provider:{' '}
            <button type="button" className="btn btn-small btn-primary" onClick={() => void sendSample()} disabled={sending}>
              {sending ? 'Sending…' : 'Send a sample event'}
            </button>{' '}
            <button type="button" className="btn btn-small btn-quiet" onClick={() => show('sender')}>
              Open the Sender
            </button>
          </p>
          <ErrorNote error={error} />
        </>
      ) : (
        <p>The receiver is not running in this session, so nothing can arrive yet.</p>
      )}
      <p className="next-step">
        To check signatures, add an endpoint with the provider and its signing secret.{' '}
        <button type="button" className="btn btn-small" onClick={() => show('endpoints')}>
          <Icon name="plug" /> Add an endpoint
        </button>
      </p>
    </div>
  );
}
