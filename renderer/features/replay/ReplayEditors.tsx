// Editing one delivery before sending it again: body and headers as text. An edit is re-signed by
// the core unless the mode says otherwise, since a stale signature on edited bytes is rarely wanted.
import { useMemo } from 'react';
import type { DeliveryDetail } from '../../../shared/domain.js';
import { headersToText } from '../../lib/headers-text.js';
import { useReplay } from '../../state/replay.js';
import { CodeEditor } from '../common/CodeEditor.js';

export function ReplayEditors({ base }: { base: DeliveryDetail }) {
  const bodyText = useReplay((s) => s.bodyText);
  const headersText = useReplay((s) => s.headersText);
  const editBody = useReplay((s) => s.editBody);
  const editHeaders = useReplay((s) => s.editHeaders);
  const resetEdits = useReplay((s) => s.resetEdits);
  const originalHeaders = useMemo(() => headersToText(base.headers), [base.headers]);
  const isJson = (base.contentType ?? '').includes('json');
  const edited = bodyText !== null || headersText !== null;

  return (
    <div className="replay-editors">
      <div className="editor-head">
        <h4>Body</h4>
        {edited ? (
          <button type="button" className="btn btn-small btn-quiet" onClick={resetEdits}>
            Reset to captured
          </button>
        ) : (
          <span className="dim">as captured</span>
        )}
      </div>
      {base.bodyText === null ? (
        <p className="dim">The body is not text: it is replayed byte for byte and cannot be edited here.</p>
      ) : (
        <CodeEditor label="Replay body" language={isJson ? 'json' : 'text'} value={bodyText ?? base.bodyText} onChange={editBody} />
      )}
      {edited ? <p className="help">Edited requests are re-signed when the endpoint has a provider and secret: the old signature would not match.</p> : null}
      <div className="editor-head">
        <h4>Headers</h4>
        <span className="dim">one "Name: value" a line; Host, Content-Length and Connection are set per connection</span>
      </div>
      <CodeEditor label="Replay headers" value={headersText ?? originalHeaders} onChange={editHeaders} maxHeight={220} minHeight={80} />
    </div>
  );
}
