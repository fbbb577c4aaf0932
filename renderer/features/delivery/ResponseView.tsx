// What Hookscope answered the delivery with: status, the headers it set, the body and the delay the
// endpoint asked for (ngrok shows request and response side by side; here they are a tab apart).
import { useEffect, useState } from 'react';
import type { DeliveryAnswer } from '../../../shared/api/deliveries.js';
import type { ApiError } from '../../../shared/api/errors.js';
import { api } from '../../api/client.js';
import { asApiError } from '../../api/errors.js';
import { formatDuration } from '../../lib/format.js';
import { ErrorNote } from '../common/ErrorNote.js';
import { StatusCode } from '../common/StatusCode.js';
import { HeadersTable } from './HeadersTable.js';
import { RawText } from './RawText.js';

const SOURCE: Record<DeliveryAnswer['source'], string> = {
  endpoint: "The endpoint's response settings when the request arrived.",
  default: 'No endpoint matched this path: the default answer.',
  'too-large': 'The body passed the size limit: Hookscope answered 413 and kept the first bytes.',
  aborted: 'The client went away before the request was complete: no answer was sent.',
  'not-recorded': 'Captured before Hookscope kept the full answer: only its status is known.',
};

export function ResponseView({ id }: { id: number }) {
  const [answer, setAnswer] = useState<DeliveryAnswer | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    let live = true;
    setAnswer(null);
    setError(null);
    api.call('deliveries.answer', { id }).then(
      (a) => live && setAnswer(a),
      (err: unknown) => live && setError(asApiError(err)),
    );
    return () => void (live = false);
  }, [id]);

  if (error) return <ErrorNote error={error} />;
  if (!answer) return <p className="dim pad">Loading…</p>;
  return (
    <div className="response-view" data-testid="response-view">
      <table className="kv facts">
        <tbody>
          <tr>
            <th scope="row">Status</th>
            <td data-testid="response-status">
              <StatusCode status={answer.status} />
            </td>
          </tr>
          <tr>
            <th scope="row">Delay</th>
            <td data-testid="response-delay">{answer.delayMs > 0 ? `${formatDuration(answer.delayMs)} before answering (the endpoint's delay)` : 'none'}</td>
          </tr>
        </tbody>
      </table>
      <p className="dim response-source">{SOURCE[answer.source]}</p>
      {answer.status !== null && answer.source !== 'not-recorded' ? (
        <>
          <h4 className="section-title">
            Headers <span className="dim">(the HTTP server also adds Date and Connection)</span>
          </h4>
          <HeadersTable headers={answer.headers} />
          <h4 className="section-title">Body</h4>
          <div className="response-body">{answer.body ? <RawText text={answer.body} /> : <p className="dim">Empty.</p>}</div>
        </>
      ) : null}
    </div>
  );
}
