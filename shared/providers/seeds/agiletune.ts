// AgileTune, as its webhook document describes it: hex HMAC-SHA256 of the raw body in
// X-AgileTune-Signature; any 2xx succeeds within 30 s; retries after 1 m, 5 m, 30 m, 2 h and 12 h,
// each wait measured from the previous attempt (six attempts: the document's "after 5 failed attempts"
// contradicts its own schedule, see the retry notes); then the webhook is marked failing.
import { payloadPaths } from '../fidelity.js';
import type { ProviderSpecInput } from '../spec.js';
import { AGILETUNE_READINGS } from './agiletune-readings.js';

const MIN = 60_000;
/** The document's one example payload ("Payload Example"), copied as it is. */
const DOCUMENT_EXAMPLE = {
  event: 'task.updated',
  timestamp: '2026-03-20T12:00:00Z',
  data: {
    id: 'tsk_abc123',
    title: 'Implement login page',
    status: 'in_progress',
    assignee: { id: 'usr_xyz789', name: 'Jane Doe' },
    changes: { status: { from: 'todo', to: 'in_progress' } },
  },
};
const assignee = DOCUMENT_EXAMPLE.data.assignee;
const task = { id: 'tsk_abc123', title: 'Implement login page', status: 'todo', assignee, project_id: 'prj_web42', column: 'To do' };

/** Every other event: the example's envelope is the document's, the data is ours (modelled on the example). */
const INVENTED = {
  kind: 'invented' as const,
  documented: ['event', 'timestamp', 'data'],
  basis: 'The document shows one payload, task.updated\'s; every delivery has its envelope (event, timestamp, data). This event\'s data is Hookscope\'s, modelled on that example.',
};

function event(name: string, description: string, data: Record<string, unknown>) {
  return { name, description, sample: { event: name, timestamp: '2026-03-20T12:00:00Z', data }, fidelity: INVENTED };
}

export const agiletune: ProviderSpecInput = {
  id: 'agiletune',
  name: 'AgileTune',
  signature: { kind: 'hmac', header: 'X-AgileTune-Signature', algorithm: 'sha256', encoding: 'hex', signedPayload: '{body}' },
  detectHeaders: ['X-AgileTune-Signature'],
  eventField: 'event',
  events: [
    event('task.created', 'A new task is created', { ...task, changes: {} }),
    {
      name: 'task.updated',
      description: "A task's fields are changed",
      sample: DOCUMENT_EXAMPLE,
      fidelity: { kind: 'documented', documented: payloadPaths(DOCUMENT_EXAMPLE), basis: 'The document\'s "Payload Example", as it is.' },
    },
    event('task.deleted', 'A task is permanently deleted', { id: task.id, title: task.title, changes: {} }),
    event('task.moved', 'A task is moved to a different column', {
      ...task,
      column: 'In review',
      changes: { column: { from: 'In progress', to: 'In review' } },
    }),
    event('comment.created', 'A comment is added to a task', {
      id: 'cmt_5521',
      task_id: task.id,
      author: assignee,
      body: 'Pushed the first draft — ready for review.',
      changes: {},
    }),
    event('member.added', 'A member is added to the organization', {
      id: 'usr_lmn456',
      name: 'Ravi Patel',
      email: 'ravi@example.com',
      role: 'member',
      changes: { role: { from: null, to: 'member' } },
    }),
    event('member.removed', 'A member is removed from the organization', {
      id: 'usr_lmn456',
      name: 'Ravi Patel',
      changes: { role: { from: 'member', to: null } },
    }),
    event('project.created', 'A new project is created', {
      id: 'prj_web42',
      name: 'Website relaunch',
      owner: assignee,
      changes: {},
    }),
  ],
  retry: {
    timeoutMs: 30_000,
    success: 'any-2xx',
    retryDelaysMs: [1 * MIN, 5 * MIN, 30 * MIN, 120 * MIN, 720 * MIN],
    // "After 5 failed attempts": five attempts in all, the 12 h retry never made.
    documentCountDelaysMs: [1 * MIN, 5 * MIN, 30 * MIN, 120 * MIN],
    finalState: 'failing',
    notes: [
      'The document lists five retries (1 m, 5 m, 30 m, 2 h, 12 h) and also says "After 5 failed attempts, the webhook is marked as failing". Hookscope plays the listed schedule: 6 attempts (the first and 5 retries), then the webhook is marked failing.',
      'After the last failure the webhook is marked failing; deliveries can be re-triggered by hand from the delivery log.',
    ],
  },
  notes: ['Signature: hex HMAC-SHA256 of the raw body with the webhook secret. No timestamp is signed, so a captured request can be replayed.'],
  readings: AGILETUNE_READINGS,
  // "Choose a Content type (JSON recommended)": JSON by default, a form body on request.
  contentTypes: ['json', 'form'],
};
