// Where a search term occurs in a piece of text, as pieces to render (matches in <mark>, as text:
// the text comes from the wire). Case-insensitive for ASCII letters only, as the server's search is
// (SQLite's LIKE), so what is highlighted is what matched.

export interface TextPiece {
  text: string;
  match: boolean;
}

const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** `text` cut into pieces around each occurrence of `needle` (one piece, unmatched, when it has none). */
export function splitMatches(text: string, needle: string | undefined): TextPiece[] {
  const term = needle?.trim() ?? '';
  if (term === '' || text === '') return [{ text, match: false }];
  const hay = asciiLower(text);
  const want = asciiLower(term);
  const pieces: TextPiece[] = [];
  let from = 0;
  for (let at = hay.indexOf(want); at !== -1; at = hay.indexOf(want, at + want.length)) {
    if (at > from) pieces.push({ text: text.slice(from, at), match: false });
    pieces.push({ text: text.slice(at, at + want.length), match: true });
    from = at + want.length;
  }
  if (from < text.length) pieces.push({ text: text.slice(from), match: false });
  return pieces.length ? pieces : [{ text, match: false }];
}
