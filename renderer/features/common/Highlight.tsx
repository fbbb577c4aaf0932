import { splitMatches } from '../../lib/highlight.js';

/** Text with the search term's occurrences marked; rendered as text nodes only, never as HTML. */
export function Highlight({ text, term }: { text: string; term: string | undefined }) {
  const pieces = splitMatches(text, term);
  if (pieces.length === 1 && !pieces[0]!.match) return <>{text}</>;
  return (
    <>
      {pieces.map((p, i) =>
        p.match ? (
          <mark key={i} className="search-hit">
            {p.text}
          </mark>
        ) : (
          p.text
        ),
      )}
    </>
  );
}
