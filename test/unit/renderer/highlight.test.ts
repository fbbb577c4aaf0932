// Search matches cut out of a row's text for highlighting, matched as the server's search matches.
import { describe, expect, it } from 'vitest';
import { splitMatches } from '../../../renderer/lib/highlight.js';

const marked = (text: string, term: string | undefined) =>
  splitMatches(text, term)
    .map((p) => (p.match ? `[${p.text}]` : p.text))
    .join('');

describe('splitMatches', () => {
  it('marks every occurrence, ignoring ASCII case and keeping the text as it was', () => {
    expect(marked('/hooks/Stripe/stripe', 'STRIPE')).toBe('/hooks/[Stripe]/[stripe]');
  });

  it('leaves text without the term whole, and ignores an empty or blank term', () => {
    expect(splitMatches('/hooks/a', 'zzz')).toEqual([{ text: '/hooks/a', match: false }]);
    expect(splitMatches('/hooks/a', '  ')).toEqual([{ text: '/hooks/a', match: false }]);
    expect(splitMatches('/hooks/a', undefined)).toEqual([{ text: '/hooks/a', match: false }]);
  });

  it('trims the term as the search does, and does not overlap matches', () => {
    expect(marked('aaaa', ' aa ')).toBe('[aa][aa]');
  });

  it('treats markup in the text and the term as plain characters', () => {
    expect(marked('<img src=x onerror=alert(1)>', '<img')).toBe('[<img] src=x onerror=alert(1)>');
  });

  it('folds only ASCII letters, as SQLite LIKE does', () => {
    expect(marked('ÉTÉ été', 'été')).toBe('ÉTÉ [été]');
  });
});
