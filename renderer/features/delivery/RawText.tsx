import { useState } from 'react';

const STEP = 200_000;
/** Each step shows as much again as is on screen, up to this: a 25 MiB body in about seven steps. */
const MAX_STEP = 8_000_000;

/** Where to cut so a surrogate pair (an emoji, say) is never split across the cut. */
function cutAt(text: string, limit: number): number {
  if (limit >= text.length) return text.length;
  const code = text.charCodeAt(limit - 1);
  return code >= 0xd800 && code <= 0xdbff ? limit + 1 : limit;
}

/**
 * The body as text, exactly as received (whitespace and all). Large bodies are shown a step at a time,
 * as the hex view does: one <pre> holding tens of millions of characters freezes the page. Steps grow
 * with what is shown, so reaching the end of a large body takes a few clicks, not a hundred.
 */
export function RawText({ text }: { text: string }) {
  const [limit, setLimit] = useState(STEP);
  const end = cutAt(text, limit);
  return (
    <div>
      <pre className="mono code-block wrap" data-testid="raw-body">{end < text.length ? text.slice(0, end) : text}</pre>
      {end < text.length ? (
        <button type="button" className="btn btn-small" onClick={() => setLimit(end + Math.min(MAX_STEP, Math.max(STEP, limit)))}>
          Show more ({(text.length - end).toLocaleString('en')} characters left)
        </button>
      ) : null}
    </div>
  );
}
