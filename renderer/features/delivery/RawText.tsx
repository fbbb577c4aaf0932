import { useState } from 'react';
import { formatBytes } from '../../lib/format.js';

const PREVIEW_CHARS = 200_000;

/** The body as text, exactly as received (whitespace and all). Very large bodies show their start first. */
export function RawText({ text }: { text: string }) {
  const [all, setAll] = useState(false);
  const cut = !all && text.length > PREVIEW_CHARS;
  return (
    <div>
      <pre className="mono code-block wrap" data-testid="raw-body">{cut ? text.slice(0, PREVIEW_CHARS) : text}</pre>
      {cut ? (
        <button type="button" className="btn btn-small" onClick={() => setAll(true)}>
          Show all ({formatBytes(text.length)} of text)
        </button>
      ) : null}
    </div>
  );
}
