import { describe, expect, it } from 'vitest';
import { diffJson } from '../../../../shared/diff/json.js';

describe('diffJson', () => {
  it('names each changed and each added field between two updates of one record', () => {
    const first = { event: 'task.updated', data: { id: 'tsk_1', status: 'todo', title: 'Draft', assignee: { id: 'u1', name: 'Ana' } } };
    const second = {
      event: 'task.updated',
      data: { id: 'tsk_1', status: 'in_progress', title: 'Draft v2', assignee: { id: 'u1', name: 'Ana', email: 'ana@example.com' }, due: '2026-04-01' },
    };
    expect(diffJson(first, second)).toEqual([
      { path: 'data.status', kind: 'changed', old: 'todo', new: 'in_progress' },
      { path: 'data.title', kind: 'changed', old: 'Draft', new: 'Draft v2' },
      { path: 'data.assignee.email', kind: 'added', new: 'ana@example.com' },
      { path: 'data.due', kind: 'added', new: '2026-04-01' },
    ]);
  });

  it('reports a removed field with its old value', () => {
    expect(diffJson({ a: 1, b: { c: true } }, { a: 1 })).toEqual([{ path: 'b', kind: 'removed', old: { c: true } }]);
  });

  it('returns no changes for equal values', () => {
    expect(diffJson({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] })).toEqual([]);
  });

  it('puts array indexes in the path as numbers', () => {
    const old = { items: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'c' }] };
    const next = { items: [{ id: 1, name: 'a' }, { id: 2, name: 'b' }, { id: 3, name: 'C' }] };
    expect(diffJson(old, next)).toEqual([{ path: 'items.2.name', kind: 'changed', old: 'c', new: 'C' }]);
  });

  it('shows an item inserted into an array of records as one addition, not as every later item changed', () => {
    const old = { items: [{ id: 'a', qty: 1 }, { id: 'b', qty: 2 }, { id: 'c', qty: 3 }] };
    const next = { items: [{ id: 'new', qty: 9 }, { id: 'a', qty: 1 }, { id: 'b', qty: 2 }, { id: 'c', qty: 3 }] };
    expect(diffJson(old, next)).toEqual([{ path: 'items.0', kind: 'added', new: { id: 'new', qty: 9 } }]);
  });

  it('matches records by key or name when they have no id', () => {
    const old = { fields: [{ key: 'x', v: 1 }, { key: 'y', v: 2 }], tags: [{ name: 't1' }, { name: 't2' }] };
    const next = { fields: [{ key: 'y', v: 3 }], tags: [{ name: 't0' }, { name: 't1' }, { name: 't2' }] };
    expect(diffJson(old, next)).toEqual([
      { path: 'fields.0', kind: 'removed', old: { key: 'x', v: 1 } },
      { path: 'fields.0.v', kind: 'changed', old: 2, new: 3 },
      { path: 'tags.0', kind: 'added', new: { name: 't0' } },
    ]);
  });

  it('compares records without an identity by position', () => {
    expect(diffJson({ rows: [{ v: 1 }, { v: 2 }] }, { rows: [{ v: 1 }, { v: 5 }] })).toEqual([{ path: 'rows.1.v', kind: 'changed', old: 2, new: 5 }]);
  });

  it('shows a value inserted into an array of scalars as one addition', () => {
    expect(diffJson({ ids: [1, 2, 3] }, { ids: [1, 4, 2, 3] })).toEqual([{ path: 'ids.1', kind: 'added', new: 4 }]);
  });

  it('reports a removed array item at its index in the old array', () => {
    expect(diffJson({ ids: ['a', 'b', 'c'] }, { ids: ['a', 'c'] })).toEqual([{ path: 'ids.1', kind: 'removed', old: 'b' }]);
  });

  it('reports a change of type as one change of the whole value', () => {
    expect(diffJson({ data: { a: 1 } }, { data: [1] })).toEqual([{ path: 'data', kind: 'changed', old: { a: 1 }, new: [1] }]);
  });

  it('uses an empty path for the root', () => {
    expect(diffJson('old', 'new')).toEqual([{ path: '', kind: 'changed', old: 'old', new: 'new' }]);
  });
});
