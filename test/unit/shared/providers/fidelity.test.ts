// The invented paths of a sample are derived from it against the paths its document shows, so the
// list a developer reads cannot drift from the bytes sent.
import { describe, expect, it } from 'vitest';
import { inventedPaths, payloadFidelity, payloadPaths } from '../../../../shared/providers/fidelity.js';

describe('payload fidelity', () => {
  const sample = { type: 'lead.created', id: 'evt_1', data: { lead: { id: 'l1', tags: ['a'] } } };

  it('lists every object path, parents first, arrays as leaves', () => {
    expect(payloadPaths(sample)).toEqual(['type', 'id', 'data', 'data.lead', 'data.lead.id', 'data.lead.tags']);
  });

  it('names only the outermost path the document does not show', () => {
    expect(inventedPaths(sample, ['type'])).toEqual(['id', 'data']);
    expect(inventedPaths(sample, ['type', 'id', 'data'])).toEqual(['data.lead']);
    expect(inventedPaths(sample, payloadPaths(sample))).toEqual([]);
  });

  it('is null for an event no document was compared with', () => {
    expect(payloadFidelity({ sample })).toBeNull();
    expect(payloadFidelity({ sample, fidelity: { kind: 'invented', documented: ['type'], basis: '' } })?.invented).toEqual(['id', 'data']);
  });
});
