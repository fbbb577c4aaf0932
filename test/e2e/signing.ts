// Requests signed the way the seed providers' documents say, written with node:crypto directly (the
// UI tests check what the user sees, not our signing code).
import { createHmac } from 'node:crypto';

export const AGILETUNE_SECRET = 'at_secret_4f1c2a';

export function agileTuneHeaders(body: string, secret = AGILETUNE_SECRET): Record<string, string> {
  return {
    'Content-Type': 'application/json',
    'User-Agent': 'AgileTune-Webhooks/2.1',
    'X-AgileTune-Signature': createHmac('sha256', secret).update(body).digest('hex'),
  };
}

export const TASK_UPDATED = JSON.stringify({
  event: 'task.updated',
  timestamp: '2026-03-20T12:00:00Z',
  data: { id: 'tsk_abc123', title: 'Implement login page', status: 'in_progress', changes: { status: { from: 'todo', to: 'in_progress' } } },
});
