// The new-endpoint form's traps: no catch-all prefilled, and a warning before a prefix takes other paths.
import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, inputFromForm, ruleProblems, rulesToSave, swallowedBy } from '../../../renderer/features/endpoints/form-model.js';

describe('the new-endpoint form', () => {
  it('prefills no path, so submitting it untouched cannot create a /hooks catch-all', () => {
    expect(EMPTY_FORM.path).toBe('');
    expect(inputFromForm(EMPTY_FORM).path).toBe('');
  });
});

describe('swallowedBy', () => {
  it('names the other endpoints and the unmatched paths a prefix would take', () => {
    expect(swallowedBy('/hooks/', ['/hooks/stripe', '/other', '/hooksx'], ['/hooks/github/push', '/hooks', '/elsewhere'])).toEqual({
      prefix: '/hooks',
      endpoints: ['/hooks/stripe'],
      paths: ['/hooks/github/push'],
    });
  });

  it('says nothing for a prefix that takes only its own path', () => {
    expect(swallowedBy('/hooks/stripe', ['/hooks/github'], ['/hooks/stripe', '/hooks/stripe2'])).toBeNull();
    expect(swallowedBy('', ['/a'], ['/a'])).toBeNull();
  });

  it('always warns about the root, which takes every path', () => {
    expect(swallowedBy('/', [], [])).toEqual({ prefix: '/', endpoints: [], paths: [] });
  });

  it('matches on segment boundaries and normalises as the receiver does', () => {
    expect(swallowedBy('hooks/a?x=1', ['/hooks/ab'], ['/hooks/a/b', '/hooks/ab'])).toEqual({ prefix: '/hooks/a', endpoints: [], paths: ['/hooks/a/b'] });
  });
});

describe('forward rule rows', () => {
  it('saves the rows trimmed, leaves wholly empty rows out, and sends no rows as none (clearing the rules)', () => {
    const rows = [
      { event: ' push ', url: ' http://127.0.0.1:3000/push ' },
      { event: '', url: '' },
    ];
    expect(rulesToSave(rows)).toEqual([{ event: 'push', url: 'http://127.0.0.1:3000/push' }]);
    expect(inputFromForm({ ...EMPTY_FORM, path: '/x' }).forwardRules).toEqual([]);
  });

  it('finds each row\'s problem by its index, skipping empty rows', () => {
    const problems = ruleProblems([
      { event: 'push', url: 'http://127.0.0.1:3000/push' },
      { event: '', url: '' },
      { event: 'push', url: '' },
    ]);
    expect([...problems.keys()]).toEqual([2]);
    expect(problems.get(2)).toMatchObject({ part: 'url' });
  });
});
