// Realistic webhook traffic for the benchmarks: AgileTune-shaped JSON bodies of about 1 KB, each
// signed with the same HMAC code the sender uses, so every request the receiver gets is verified.
import type { HeaderField } from '../../shared/domain.js';
import { requireProvider } from '../../shared/providers/registry.js';
import { signRequest } from '../../shared/verify/sign.js';
import { seededRandom } from '../../shared/random.js';

export const BENCH_SECRET = 'bench-secret-0123456789abcdef';
export const BENCH_PATH = '/hooks/agiletune';

const EVENTS = ['task.created', 'task.updated', 'task.moved', 'comment.created'] as const;
const WORDS = [
  'login', 'page', 'refactor', 'billing', 'invoice', 'search', 'deploy', 'review', 'urgent', 'flaky', 'cache',
  'retry', 'customer', 'reported', 'that', 'the', 'checkout', 'fails', 'when', 'coupon', 'is', 'applied', 'after',
  'timeout', 'mobile', 'layout', 'broken', 'on', 'small', 'screens', 'migrate', 'database', 'to', 'new', 'cluster',
  'update', 'dependencies', 'and', 'fix', 'tests', 'webhook', 'signature', 'rotation', 'docs', 'onboarding', 'flow',
];

export interface SignedRequest {
  path: string;
  headers: HeaderField[];
  body: Buffer;
}

/** One AgileTune event body padded with realistic fields to `targetBytes` (±a few bytes). */
export function agileTuneBody(n: number, targetBytes = 1024, nowMs = Date.now()): Buffer {
  const random = mulberry32(n + 1);
  const event = EVENTS[n % EVENTS.length]!;
  const word = (i: number) => WORDS[(n * 7 + i * 3) % WORDS.length]!;
  const payload = {
    event,
    timestamp: new Date(nowMs).toISOString(),
    data: {
      id: `tsk_${n.toString(36).padStart(8, '0')}`,
      title: `${word(1)} ${word(2)} for ${word(3)} #${n}`,
      status: n % 3 ? 'in_progress' : 'todo',
      assignee: { id: `usr_${(n % 977).toString(36)}`, name: `User ${n % 977}`, email: `user${n % 977}@example.com` },
      project_id: `prj_${(n % 31).toString(36)}`,
      column: n % 2 ? 'In review' : 'In progress',
      labels: [word(4), word(5)],
      changes: { status: { from: 'todo', to: 'in_progress' } },
      commit: Array.from({ length: 5 }, () => random().toString(16).padStart(8, '0')).join(''),
      description: '',
    },
  };
  const base = Buffer.byteLength(JSON.stringify(payload));
  // Prose that varies per body, so a text search meets realistic trigram frequencies.
  const missing = Math.max(0, targetBytes - base);
  const words: string[] = [];
  let length = 0;
  for (let i = 0; length < missing; i++) {
    const w = WORDS[random() % WORDS.length]!;
    words.push(w);
    length += w.length + 1;
  }
  payload.data.description = words.join(' ').slice(0, missing);
  return Buffer.from(JSON.stringify(payload));
}

/** `count` distinct signed AgileTune requests with the headers a real sender adds. */
export function signedAgileTuneRequests(count: number, secret = BENCH_SECRET, nowMs = Date.now()): SignedRequest[] {
  const spec = requireProvider('agiletune');
  return Array.from({ length: count }, (_, n) => {
    const body = agileTuneBody(n, 1024, nowMs);
    return {
      path: BENCH_PATH,
      body,
      headers: [
        { name: 'Content-Type', value: 'application/json' },
        { name: 'User-Agent', value: 'AgileTune-Webhooks/1.0' },
        { name: 'X-AgileTune-Event', value: EVENTS[n % EVENTS.length]! },
        { name: 'X-AgileTune-Delivery', value: `dlv_${n.toString(36).padStart(10, '0')}` },
        ...signRequest(spec, body, secret, { nowMs }),
      ],
    };
  });
}

/** 32-bit unsigned outputs of the sender's seeded generator: the same n always gives the same body. */
function mulberry32(seed: number): () => number {
  const next = seededRandom(seed);
  return () => next() * 4294967296; // exact: the generator divides a 32-bit integer by 2^32
}
