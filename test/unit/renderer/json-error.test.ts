// Where a body stops being JSON: the strict scan agrees with JSON.parse on what is valid, and names
// the byte a user can find in the hex view.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseJson } from '../../../renderer/lib/bytes.js';
import { byteOffset, findJsonError } from '../../../renderer/lib/json-error.js';

const parses = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

describe('findJsonError', () => {
  it.each([
    ['a trailing comma in an object', '{"a": 1,}', 8],
    ['a trailing comma in an array', '[1, 2,]', 6],
    ['a single-quoted key', "{'a': 1}", 1],
    ['a missing colon', '{"a" 1}', 5],
    ['a bare word', '{"a": tru}', 6],
    ['a leading zero', '{"n": 01}', 7],
    ['text after the value', '{"a":1} x', 8],
    ['an unterminated object', '{"a": 1', 7],
    ['an unterminated string', '{"a": "b', 8],
    ['a raw newline inside a string', '{"a": "b\nc"}', 8],
    ['a bad escape', '{"a": "\\x"}', 7],
  ])('finds %s', (_what, text, index) => {
    expect(parses(text)).toBe(false);
    expect(findJsonError(text)?.index).toBe(index);
  });

  it('finds nothing wrong in valid JSON of every kind', () => {
    for (const text of ['{}', '[]', ' {"a":[1,-2.5e+3,true,false,null,"\\u00e9\\n"],"b":{}} ', '"x"', '0', '-0.1E2', '[[[]]]']) {
      expect(findJsonError(text)).toBeNull();
    }
  });

  it('agrees with JSON.parse on what is valid, for any JSON and any cut or change of it', () => {
    const texts = fc.oneof(
      fc.json(),
      fc.tuple(fc.json(), fc.nat(), fc.string({ maxLength: 3 })).map(([t, at, s]) => t.slice(0, at % (t.length + 1)) + s + t.slice(at % (t.length + 1))),
      fc.string({ maxLength: 30 }),
    );
    fc.assert(fc.property(texts, (text) => (findJsonError(text) === null) === parses(text)), { numRuns: 3000 });
  });

  it('survives nesting deeper than any stack', () => {
    expect(findJsonError('['.repeat(200_000))?.index).toBe(200_000);
  });
});

describe('parseJson', () => {
  it('counts the position in UTF-8 bytes, as the hex view and a download do', () => {
    const result = parseJson('{"é": 1,}', 'application/json');
    expect(result).toEqual({ ok: false, invalid: { byte: 9, index: 8, expected: 'a property name in double quotes' } });
    expect(byteOffset('é€😀x', 4)).toBe(9);
  });

  it('says a body is not JSON only when it claims to be', () => {
    expect(parseJson('hello {', 'text/plain')).toEqual({ ok: false });
    expect(parseJson('a=1&b=2', 'application/x-www-form-urlencoded')).toEqual({ ok: false });
    expect(parseJson('{oops', 'text/plain')).toMatchObject({ ok: false, invalid: { byte: 1 } });
    expect(parseJson('oops', 'application/vnd.api+json')).toMatchObject({ ok: false, invalid: { byte: 0 } });
  });
});
