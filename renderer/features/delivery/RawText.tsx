import { useState } from 'react';

const STEP = 200_000;

/** Where to cut so a surrogate pair (an emoji, say) is never split across the cut. */
function cutAt(text: string, limit: number): number {
  if (limit >= text.length) return text.length;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit + 1 : limit;
}

/**
 * The body as text, exactly as received (whitespace and all). Large bodies are shown a step at a time,
 * as the hex view does: one <pre> holding tens of millions of characters freezes the page.
 */
export function RawText({ text }: { text: string }) {
  const [limit, setLimit] = useState(STEP);
  const end = cutAt(text, limit);
  return (
    <div>
      <pre className="mono code-block wrap" data-testid="raw-body">{end < text.length ? text.slice(0, end) : text}</pre>
      {end < text.length ? (
        <button type="button" className="btn btn-small" onClick={() => setLimit(end + STEP)}>
          Show more ({(text.length - end).toLocaleString('en')} characters left)
        </button>
      ) : null}
    </div>
  );
}
