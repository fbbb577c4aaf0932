// Almirant, as its webhook document describes it: hex HMAC-SHA256 of the raw body in
// X-Almirant-Signature; any status below 400 succeeds (3xx included); 10 s timeout, connection
// failures fail; attempt 1 immediately, then +1 m, +5 m, +30 m, +2 h (5 attempts), then failed.
// HTTPS only, except localhost.
import type { ProviderSpecInput } from '../spec.js';
import { ALMIRANT_READINGS } from './almirant-readings.js';

const MIN = 60_000;
const workItem = {
  id: 'wi_1042',
  key: 'ALM-1042',
  title: 'Checkout fails on Safari',
  description: 'Payment button does nothing on Safari 17.',
  priority: 'high',
  column: 'Backlog',
  project: { id: 'prj_77', name: 'Storefront' },
};
const lead = { id: 'lead_311', name: 'Acme GmbH', contact: 'maria@acme.example', stage: 'qualified', value: 12000, currency: 'EUR' };
const sprint = { id: 'spr_19', name: 'Sprint 19', starts_on: '2026-03-09', ends_on: '2026-03-20', project: { id: 'prj_77', name: 'Storefront' } };

/** The document shows no payload: only `type`, read by its sample handler (`event.type`). */
const INVENTED = {
  kind: 'invented' as const,
  documented: ['type'],
  basis: 'The document shows no payload; its sample handler reads only event.type. Everything else is Hookscope\'s.',
};

function event(type: string, description: string, data: Record<string, unknown>) {
  return {
    name: type,
    description,
    sample: { id: `evt_${type.replace(/\W/g, '_')}_01`, type, created_at: '2026-03-20T12:00:00Z', data },
    fidelity: INVENTED,
  };
}

export const almirant: ProviderSpecInput = {
  id: 'almirant',
  name: 'Almirant',
  signature: { kind: 'hmac', header: 'X-Almirant-Signature', algorithm: 'sha256', encoding: 'hex', signedPayload: '{body}' },
  detectHeaders: ['X-Almirant-Signature'],
  eventField: 'type',
  events: [
    event('work_item.created', 'A new work item is created', { work_item: workItem }),
    event('work_item.updated', 'Fields of a work item are modified', {
      work_item: { ...workItem, priority: 'urgent' },
      changes: { priority: { from: 'high', to: 'urgent' } },
    }),
    event('work_item.moved', 'A work item is moved between board columns', {
      work_item: { ...workItem, column: 'In progress' },
      from_column: 'Backlog',
      to_column: 'In progress',
    }),
    event('work_item.archived', 'A work item is archived', { work_item: { ...workItem, archived: true } }),
    event('lead.created', 'A new lead is created in the CRM', { lead }),
    event('lead.updated', 'Lead data is updated', { lead: { ...lead, value: 15000 }, changes: { value: { from: 12000, to: 15000 } } }),
    event('lead.stage_changed', 'A lead changes stage in the funnel', {
      lead: { ...lead, stage: 'proposal' },
      from_stage: 'qualified',
      to_stage: 'proposal',
    }),
    event('sprint.created', 'A new sprint is created', { sprint }),
    event('sprint.closed', 'A sprint is closed', { sprint: { ...sprint, closed_at: '2026-03-20T17:00:00Z' }, completed_items: 14, carried_over: 3 }),
  ],
  retry: {
    timeoutMs: 10_000,
    success: 'below-400',
    retryDelaysMs: [1 * MIN, 5 * MIN, 30 * MIN, 120 * MIN],
    // The table read as retries after an immediate first attempt: the first retry at once.
    documentCountDelaysMs: [0, 1 * MIN, 5 * MIN, 30 * MIN, 120 * MIN],
    finalState: 'failed',
    httpsOnlyExceptLoopback: true,
    notes: [
      'Any status below 400 succeeds, so a 3xx redirect counts as delivered (the redirect is not followed).',
      'After 5 failed attempts the delivery is marked failed; it can be resent by hand. A disabled webhook pauses deliveries.',
    ],
  },
  notes: ['Signature: hex HMAC-SHA256 of the raw body with the webhook secret. No timestamp is signed, so a captured request can be replayed.'],
  readings: ALMIRANT_READINGS,
};
