import { describe, expect, it } from 'vitest';
import { diffMessages } from '../../../../shared/diff/message.js';

const msg = (body: string | Buffer, headers = [{ name: 'Content-Type', value: 'application/json' }]) => ({
  headers,
  bodyBase64: (typeof body === 'string' ? Buffer.from(body, 'utf8') : body).toString('base64'),
});

describe('diffMessages', () => {
  it('diffs JSON bodies structurally, ignoring formatting', () => {
    const diff = diffMessages(msg('{"a": 1, "b": [1, 2]}'), msg('{"a":2,"b":[1,2]}'));
    expect(diff).toMatchObject({ format: 'json', bodyEqual: false, equal: false, lines: [] });
    expect(diff.changes).toEqual([{ path: 'a', kind: 'changed', old: 1, new: 2 }]);
  });

  it('falls back to a line diff when a body is not JSON', () => {
    const diff = diffMessages(msg('name=a\ncity=Paris\nzip=75001\n'), msg('name=a\ncity=Lyon\nzip=75001\n'));
    expect(diff.format).toBe('text');
    expect(diff.lines).toEqual([
      { kind: 'equal', text: 'name=a\n' },
      { kind: 'removed', text: 'city=Paris\n' },
      { kind: 'added', text: 'city=Lyon\n' },
      { kind: 'equal', text: 'zip=75001\n' },
    ]);
  });

  it('only says whether binary bodies are equal', () => {
    const diff = diffMessages(msg(Buffer.from([0xff, 0x00, 0x01])), msg(Buffer.from([0xff, 0x00, 0x02, 0x03])));
    expect(diff).toMatchObject({ format: 'binary', bodyEqual: false, changes: [], lines: [], size: { old: 3, new: 4 } });
  });

  it('calls two messages equal only when bytes and header values match', () => {
    expect(diffMessages(msg('{"a":1}'), msg('{"a":1}')).equal).toBe(true);
    expect(diffMessages(msg('{"a":1}'), msg('{"a": 1}'))).toMatchObject({ equal: false, bodyEqual: false, changes: [], jsonEquivalent: true });
    expect(diffMessages(msg('{"a":1}'), msg('{"a":1}'))).toMatchObject({ format: 'json', bodyEqual: true, changes: [], lines: [] });
    expect(diffMessages(msg('{"a":1}'), msg('{"a":1}', [{ name: 'Content-Type', value: 'text/plain' }])).equal).toBe(false);
  });

  it('does not call JSON bodies equal when only numbers beyond a double\'s precision differ: it diffs their lines', () => {
    const diff = diffMessages(msg('{"id":12345678901234567890}'), msg('{"id":12345678901234567891}'));
    expect(diff).toMatchObject({ format: 'text', jsonEquivalent: true, bodyEqual: false, equal: false, changes: [] });
    expect(diff.lines).toEqual([
      { kind: 'removed', text: '{"id":12345678901234567890}' },
      { kind: 'added', text: '{"id":12345678901234567891}' },
    ]);
  });

  it('does not call JSON bodies equal when a duplicate key hides a difference', () => {
    const diff = diffMessages(msg('{\n"a":1,\n"a":2\n}'), msg('{\n"a":2\n}'));
    expect(diff).toMatchObject({ format: 'text', jsonEquivalent: true, bodyEqual: false });
    expect(diff.lines.filter((l) => l.kind !== 'equal')).toEqual([{ kind: 'removed', text: '"a":1,\n' }]);
  });

  it('keeps the structural diff when the parsed values differ, and says nothing of equivalence', () => {
    const diff = diffMessages(msg('{"id":12345678901234567890,"n":1}'), msg('{"id":12345678901234567891,"n":2}'));
    expect(diff.format).toBe('json');
    expect(diff.jsonEquivalent).toBeUndefined();
    expect(diff.changes).toEqual([{ path: 'n', kind: 'changed', old: 1, new: 2 }]);
  });

  it('diffs a JSON body whose value is null as JSON', () => {
    expect(diffMessages(msg('null'), msg('{"a":1}')).changes).toEqual([{ path: '', kind: 'changed', old: null, new: { a: 1 } }]);
  });
});
