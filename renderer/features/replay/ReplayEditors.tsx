// Editing one delivery before sending it again: body and headers as text. An edit is re-signed by
// the core unless the user keeps the original signature, since a stale signature on edited bytes is
// rarely wanted (except to check that a handler rejects it). A body the editor cannot hold byte for
// byte is shown read-only (see body-editing.ts).
import { useMemo } from 'react';
import type { DeliveryDetail } from '../../../shared/domain.js';
import { headersToText } from '../../lib/headers-text.js';
import { useReplay } from '../../state/replay.js';
import { CodeEditor } from '../common/CodeEditor.js';
import { bodyEditing } from './body-editing.js';

export function ReplayEditors({ base }: { base: DeliveryDetail }) {
  const bodyText = useReplay((s) => s.bodyText);
  const headersText = useReplay((s) => s.headersText);
  const editBody = useReplay((s) => s.editBody);
  const editHeaders = useReplay((s) => s.editHeaders);
  const resetEdits = useReplay((s) => s.resetEdits);
  const mode = useReplay((s) => s.mode);
  const keepSignature = useReplay((s) => s.keepSignature);
  const setKeepSignature = useReplay((s) => s.setKeepSignature);
  const originalHeaders = useMemo(() => headersToText(base.headers), [base.headers]);
  const body = useMemo(() => bodyEditing(base), [base]);
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
      {body.editable ? (
        <>
          <CodeEditor label="Replay body" language={isJson ? 'json' : 'text'} value={bodyText ?? body.text} onChange={editBody} lineSeparator={body.lineSeparator} />
          {body.lineSeparator === '\r\n' ? <p className="help">Lines end in CRLF (\r\n), as captured; new lines do too.</p> : null}
        </>
      ) : (
        <>
          <p className="dim" data-testid="replay-body-note">
            {body.reason}
          </p>
          {body.text !== null ? <CodeEditor label="Replay body" language={isJson ? 'json' : 'text'} value={body.text} onChange={() => {}} readOnly /> : null}
        </>
      )}
      <label className="checkbox-line replay-keep-signature">
        <input type="checkbox" checked={keepSignature && mode === 'as-captured'} disabled={mode !== 'as-captured'} onChange={(e) => setKeepSignature(e.target.checked)} aria-describedby="replay-keep-signature-help" />
        Keep the original signature
      </label>
      <p className="help" id="replay-keep-signature-help">
        {mode !== 'as-captured'
          ? 'A re-signed replay always gets a fresh signature.'
          : keepSignature
            ? 'Edits are sent with the signature they were captured with, and signature headers as you typed them: handy to check that your handler rejects them.'
            : 'Edited requests are re-signed when a provider is known (the endpoint\'s, or detected from the headers), with the secret above or the endpoint\'s: the old signature would not match.'}
      </p>
      <div className="editor-head">
        <h4>Headers</h4>
        <span className="dim">one "Name: value" a line; Host, Content-Length and Connection are set per connection</span>
      </div>
      <CodeEditor label="Replay headers" value={headersText ?? originalHeaders} onChange={editHeaders} maxHeight={220} minHeight={80} />
    </div>
  );
}
