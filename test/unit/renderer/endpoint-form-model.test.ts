// The new-endpoint form's traps: no catch-all prefilled, and a warning before a prefix takes other paths.
import { describe, expect, it } from 'vitest';
import { EMPTY_FORM, inputFromForm, swallowedBy } from '../../../renderer/features/endpoints/form-model.js';

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
