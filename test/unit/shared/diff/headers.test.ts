import { describe, expect, it } from 'vitest';
import { diffHeaders } from '../../../../shared/diff/headers.js';

const h = (name: string, value: string) => ({ name, value });

describe('diffHeaders', () => {
  it('compares names case-insensitively', () => {
    expect(diffHeaders([h('Content-Type', 'application/json')], [h('content-type', 'application/json')])).toEqual([]);
  });

  it('reports added, removed and changed values', () => {
    expect(diffHeaders([h('X-Sig', 'aa'), h('X-Old', '1')], [h('x-sig', 'bb'), h('X-New', '2')])).toEqual([
      { name: 'x-sig', kind: 'changed', old: 'aa', new: 'bb' },
      { name: 'X-Old', kind: 'removed', old: '1' },
      { name: 'X-New', kind: 'added', new: '2' },
    ]);
  });

  it('treats repeated headers as one comma-joined value, in order', () => {
    expect(diffHeaders([h('Via', 'a'), h('Via', 'b')], [h('Via', 'b'), h('Via', 'a')])).toEqual([{ name: 'Via', kind: 'changed', old: 'a, b', new: 'b, a' }]);
  });
});
