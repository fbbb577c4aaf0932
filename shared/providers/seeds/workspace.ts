// The generic "Workspace" provider, as its webhook document describes it: X-Webhook-Signature:
// sha256=<hex HMAC-SHA256 of the payload>, with X-Webhook-ID and X-Webhook-Timestamp (unix seconds);
// only 200 succeeds; retries after 1 m, 5 m and 30 m; the webhook is auto-disabled after that.
// X-Webhook-ID names the webhook, not the delivery: the document shows `X-Webhook-ID: webhook_123`,
// the body's `webhook_id`. So it is the body's webhook_id (webhook_123 in the samples, and for a body
// without one), the same on every attempt, not an `idHeader`; a re-signed replay keeps the captured one.
// The document's own sample handler has two classic bugs (it hashes JSON.stringify(req.body) and
// compares against the header without stripping `sha256=`): the doctor names both.
import { payloadPaths } from '../fidelity.js';
import type { ProviderSpecInput } from '../spec.js';
import { WORKSPACE_READINGS } from './workspace-readings.js';

const MIN = 60_000;
const WEBHOOK_ID = 'webhook_123';
const task = {
  id: 'task_789',
  name: 'Design homepage',
  status: 'todo',
  priority: 'high',
  project_id: 'proj_123',
  assignee_id: 'user_456',
  created_by: 'user_789',
  due_date: '2025-10-30',
};
const project = { id: 'proj_123', name: 'Marketing site', status: 'active', owner_id: 'user_789' };
const comment = { id: 'comment_321', task_id: 'task_789', author_id: 'user_456', body: 'Looks good to me 👍' };
const user = { id: 'user_456', email: 'sam@example.com', name: 'Sam Lee', role: 'member' };

/** The document's "Example Payload" (task.created), as it is. */
const DOCUMENT_EXAMPLE = { event: 'task.created', timestamp: '2025-10-14T10:30:00Z', webhook_id: WEBHOOK_ID, data: task };

/** Every other event: the example's envelope is the document's, the data is ours. */
const INVENTED = {
  kind: 'invented' as const,
  documented: ['event', 'timestamp', 'webhook_id', 'data'],
  basis: 'The document shows one payload, task.created\'s; every delivery has its envelope (event, timestamp, webhook_id, data). This event\'s data is Hookscope\'s.',
};

function event(name: string, description: string, data: Record<string, unknown>) {
  return { name, description, sample: { event: name, timestamp: '2025-10-14T10:30:00Z', webhook_id: WEBHOOK_ID, data }, fidelity: INVENTED };
}

export const workspace: ProviderSpecInput = {
  id: 'workspace',
  name: 'Workspace',
  signature: { kind: 'hmac', header: 'X-Webhook-Signature', algorithm: 'sha256', encoding: 'hex', prefix: 'sha256=', signedPayload: '{body}' },
  staticHeaders: { 'X-Webhook-ID': `{body.webhook_id|${WEBHOOK_ID}}` },
  timestamp: { header: 'X-Webhook-Timestamp', toleranceSec: null },
  detectHeaders: ['X-Webhook-Signature'],
  eventField: 'event',
  events: [
    {
      name: 'task.created',
      description: 'New task created',
      sample: DOCUMENT_EXAMPLE,
      fidelity: { kind: 'documented', documented: payloadPaths(DOCUMENT_EXAMPLE), basis: 'The document\'s "Example Payload", as it is.' },
    },
    event('task.updated', 'Task modified', { ...task, status: 'in_progress' }),
    event('task.completed', 'Task marked done', { ...task, status: 'done', completed_at: '2025-10-14T16:00:00Z' }),
    event('task.deleted', 'Task removed', { id: task.id, project_id: task.project_id }),
    event('task.assigned', 'Task assigned to user', { ...task, assignee_id: 'user_999', previous_assignee_id: 'user_456' }),
    event('project.created', 'Project created', project),
    event('project.updated', 'Project updated', { ...project, name: 'Marketing site 2.0' }),
    event('project.archived', 'Project archived', { ...project, status: 'archived' }),
    event('project.deleted', 'Project deleted', { id: project.id }),
    event('comment.created', 'Comment created', comment),
    event('comment.updated', 'Comment updated', { ...comment, body: 'Looks good to me 👍 (edited)' }),
    event('comment.deleted', 'Comment deleted', { id: comment.id, task_id: comment.task_id }),
    event('user.added', 'User added', user),
    event('user.removed', 'User removed', { id: user.id, email: user.email }),
    event('user.role_changed', 'User role changed', { ...user, role: 'admin', previous_role: 'member' }),
  ],
  retry: {
    timeoutMs: 30_000,
    timeoutAssumed: true,
    success: 'exactly-200',
    retryDelaysMs: [1 * MIN, 5 * MIN, 30 * MIN],
    // "After 3 failures, webhook is disabled": three attempts in all, the 30 m retry never made.
    documentCountDelaysMs: [1 * MIN, 5 * MIN],
    finalState: 'disabled',
    notes: [
      'The document lists three retries (1 m, 5 m, 30 m) and also says "after 3 failures, webhook is disabled". Hookscope plays the listed schedule: 4 attempts (the first and 3 retries), then the webhook is disabled.',
      'The timeout is not documented: Hookscope uses 30 s.',
      'Only HTTP 200 succeeds ("Returns 200 status").',
    ],
  },
  notes: [
    'X-Webhook-Signature is sha256=<hex HMAC-SHA256 of the raw body>. X-Webhook-ID and X-Webhook-Timestamp are sent but not signed, so they do not prevent replays.',
    'X-Webhook-ID identifies the webhook (the body\'s webhook_id), not the delivery: it is the same on every delivery and retry, so it cannot be used to drop duplicates.',
    'The document\'s sample handler hashes JSON.stringify(req.body) and compares it with the header without stripping "sha256=": both make valid deliveries fail. Hash the raw body and strip the prefix. `send --pretty-body` sends a pretty-printed body, on which a handler that re-serialises fails.',
    'Real deliveries come from the document\'s IP allowlist, 203.0.113.0/24 and 198.51.100.0/24 ("Our webhook IPs"): a handler that filters by address must allow them. The mock sender and replays come from your own machine.',
    '"Webhooks must use HTTPS in production": the URL you register with Workspace must be https://; the sender does not enforce it for a handler on your machine.',
  ],
  readings: WORKSPACE_READINGS,
  sourceRanges: ['203.0.113.0/24', '198.51.100.0/24'],
};
