// GitHub: `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw body>`, keyed with the webhook
// secret as text. GitHub also sends the legacy `X-Hub-Signature: sha1=<hex HMAC-SHA1>`; a request with
// only that one is checked with SHA-1 and reported as legacy. The event name travels in
// `X-GitHub-Event` (not in the body) and the delivery id in `X-GitHub-Delivery`. No timestamp is
// signed, and GitHub never retries on its own.
import type { ProviderSpecInput } from '../spec.js';

const repository = {
  id: 1296269,
  node_id: 'MDEwOlJlcG9zaXRvcnkxMjk2MjY5',
  name: 'Hello-World',
  full_name: 'octocat/Hello-World',
  private: false,
  html_url: 'https://github.com/octocat/Hello-World',
  default_branch: 'main',
};
const sender = { login: 'octocat', id: 1, node_id: 'MDQ6VXNlcjE=', type: 'User', html_url: 'https://github.com/octocat' };

export const github: ProviderSpecInput = {
  id: 'github',
  name: 'GitHub',
  docsUrl: 'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries',
  signature: {
    kind: 'hmac',
    header: 'X-Hub-Signature-256',
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: 'sha256=',
    signedPayload: '{body}',
    secretEncoding: 'utf8',
    legacy: { header: 'X-Hub-Signature', algorithm: 'sha1', prefix: 'sha1=' },
  },
  idHeader: 'X-GitHub-Delivery',
  // X-Hub-Signature stands in for it when only the legacy header arrives (see the registry's detection).
  detectHeaders: ['X-Hub-Signature-256'],
  staticHeaders: {
    'X-GitHub-Event': '{event}',
    'X-GitHub-Hook-ID': '292430182',
    'X-GitHub-Hook-Installation-Target-Type': 'repository',
    'X-GitHub-Hook-Installation-Target-ID': String(repository.id),
    'User-Agent': 'GitHub-Hookshot/044aadd',
  },
  // The event name is the X-GitHub-Event header; bodies carry only an `action` within it.
  eventField: null,
  events: [
    {
      name: 'ping',
      description: 'Sent once when the webhook is created',
      sample: {
        zen: 'Design for failure.',
        hook_id: 292430182,
        hook: { type: 'Repository', id: 292430182, active: true, events: ['push', 'pull_request'], config: { content_type: 'json', insecure_ssl: '0', url: 'https://example.com/webhooks/github' } },
        repository,
        sender,
      },
    },
    {
      name: 'push',
      description: 'Commits were pushed to a branch or a tag',
      sample: {
        ref: 'refs/heads/main',
        before: '6113728f27ae82c7b1a177c8d03f9e96e0adf246',
        after: '7638417db6d59f3c431d3e1f261cc637155684cd',
        created: false,
        deleted: false,
        forced: false,
        compare: 'https://github.com/octocat/Hello-World/compare/6113728f27ae...7638417db6d5',
        commits: [
          {
            id: '7638417db6d59f3c431d3e1f261cc637155684cd',
            message: 'Fix the login redirect',
            timestamp: '2026-03-20T12:00:00Z',
            author: { name: 'Monalisa Octocat', email: 'mona@github.com', username: 'octocat' },
            added: [],
            removed: [],
            modified: ['src/login.ts'],
          },
        ],
        pusher: { name: 'octocat', email: 'mona@github.com' },
        repository,
        sender,
      },
    },
    {
      name: 'pull_request',
      description: 'A pull request was opened, closed, edited… (see action)',
      sample: {
        action: 'opened',
        number: 1347,
        pull_request: {
          id: 1,
          number: 1347,
          state: 'open',
          title: 'Amazing new feature',
          user: sender,
          body: 'Please pull these awesome changes in!',
          head: { ref: 'new-topic', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e' },
          base: { ref: 'main', sha: '6113728f27ae82c7b1a177c8d03f9e96e0adf246' },
          draft: false,
          merged: false,
          html_url: 'https://github.com/octocat/Hello-World/pull/1347',
        },
        repository,
        sender,
      },
    },
    {
      name: 'issues',
      description: 'An issue was opened, closed, labeled… (see action)',
      sample: {
        action: 'opened',
        issue: { id: 1, number: 1347, title: 'Found a bug', state: 'open', user: sender, body: 'I\'m having a problem with this.', labels: [{ name: 'bug', color: 'f29513' }] },
        repository,
        sender,
      },
    },
    {
      name: 'workflow_run',
      description: 'A GitHub Actions workflow run was requested or completed',
      sample: {
        action: 'completed',
        workflow_run: { id: 30433642, name: 'CI', head_branch: 'main', head_sha: '7638417db6d59f3c431d3e1f261cc637155684cd', status: 'completed', conclusion: 'failure', run_number: 562, html_url: 'https://github.com/octocat/Hello-World/actions/runs/30433642' },
        repository,
        sender,
      },
    },
  ],
  retry: {
    timeoutMs: 10_000,
    success: 'any-2xx',
    retryDelaysMs: [],
    finalState: 'failed',
    notes: [
      'GitHub does not redeliver failed deliveries automatically: redeliver by hand from the webhook\'s "Recent Deliveries" (or the REST API), for deliveries of the past 3 days.',
      'A delivery fails when the server does not answer with a 2xx within 10 seconds.',
    ],
  },
  notes: [
    'X-Hub-Signature-256 is "sha256=" + hex HMAC-SHA256 of the raw body, keyed with the webhook secret as text. Compare in constant time, over the raw bytes.',
    'X-Hub-Signature (sha1=…) is the legacy SHA-1 signature, kept for compatibility: verify X-Hub-Signature-256 instead.',
    'The event name is in X-GitHub-Event and the delivery GUID in X-GitHub-Delivery; a redelivery keeps the same GUID. No timestamp is signed, so replays are not prevented by the signature.',
  ],
};
