// The package's library entry (`import { startHookscope } from 'hookscope'`): a receiver inside the
// calling process, for users' own tests. It is `hookscope serve` without the UI: the same core, the
// same typed API (`call` goes through the contract's zod schemas, as the UI's calls do), and a way to
// wait for a delivery. Without `db` it uses a temporary database that close() deletes; the receiver
// listens on 127.0.0.1 and, without `receiverPort`, on a free port.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
import type { DeliverySummary, VerificationStatus } from '../../shared/domain.js';
import { openCore, startServing } from '../core/index.js';

export type { MethodInput, MethodName, MethodOutput } from '../../shared/api/contract.js';
export type { DeliverySummary, VerificationStatus } from '../../shared/domain.js';

export interface StartHookscopeOptions {
  /** SQLite file to use (kept by close()). Default: a temporary file that close() deletes. */
  db?: string;
  /** Receiver port on 127.0.0.1. Default 0: any free port (read `receiverUrl`). */
  receiverPort?: number;
}

/** Every given field must match; a missing field matches anything. */
export interface DeliveryFilter {
  /** The request path, exactly (without the query string), e.g. "/hooks/stripe". */
  path?: string;
  /** Provider id the delivery was checked as, e.g. "stripe" or "github". */
  provider?: string;
  /** The verification verdict: "valid", "invalid", "unsigned" or "no-secret". */
  verdict?: VerificationStatus;
}

export interface WaitOptions {
  /** Give up after this long (default 5000 ms). */
  timeoutMs?: number;
}

export interface Hookscope {
  /** Where to send webhooks, e.g. http://127.0.0.1:41234 */
  readonly receiverUrl: string;
  /** The database file in use. */
  readonly db: string;
  /** Calls the API the UI uses, with the same input validation and errors (an ApiError with a code). */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** The first delivery matching `filter`, whether it arrived before this call or arrives later. */
  waitForDelivery(filter?: DeliveryFilter, opts?: WaitOptions): Promise<DeliverySummary>;
  /** Stops the receiver (freeing its port), closes the database, deletes a temporary one. */
  close(): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 5_000;
const PAGE = 1000;

export async function startHookscope(opts: StartHookscopeOptions = {}): Promise<Hookscope> {
  const tempDir = opts.db === undefined ? fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-')) : null;
  const db = opts.db ?? path.join(tempDir!, 'hookscope.db');
  const removeTemp = () => {
    if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
  };
  let core;
  try {
    core = openCore({ dbFile: db });
  } catch (err) {
    removeTemp();
    throw err;
  }
  const receiver = await startServing(core, { host: '127.0.0.1', port: opts.receiverPort ?? 0 }).catch(async (err: unknown) => {
    await core.close();
    removeTemp();
    throw err;
  });
  const call = <M extends MethodName>(method: M, input: MethodInput<M>) => core.dispatch(method, input) as Promise<MethodOutput<M>>;
  let closed: Promise<void> | null = null;

  return {
    receiverUrl: receiver.url,
    db,
    call,
    waitForDelivery: (filter = {}, { timeoutMs = DEFAULT_TIMEOUT_MS } = {}) =>
      new Promise((resolve, reject) => {
        const seen: DeliverySummary[] = [];
        let done = false;
        const finish = (delivery: DeliverySummary | null, error?: Error) => {
          if (done) return;
          done = true;
          unsubscribe();
          clearTimeout(timer);
          if (delivery) resolve(delivery);
          else reject(error);
        };
        // Listen first, then look back: a delivery filed in between is caught by one or the other.
        const unsubscribe = core.ctx.events.on('delivery.received', (d) => {
          if (matches(d, filter)) finish(d);
          else seen.push(d);
        });
        const timer = setTimeout(() => finish(null, new Error(timeoutMessage(filter, timeoutMs, seen))), timeoutMs);
        oldestMatch(call, filter).then(
          (earlier) => earlier && finish(earlier),
          (err: unknown) => finish(null, err as Error),
        );
      }),
    close: () => {
      closed ??= core.close().finally(removeTemp);
      return closed;
    },
  };
}

function matches(d: DeliverySummary, filter: DeliveryFilter): boolean {
  return (
    (filter.path === undefined || d.path === filter.path) &&
    (filter.provider === undefined || d.provider === filter.provider) &&
    (filter.verdict === undefined || d.verification.status === filter.verdict)
  );
}

/** The earliest stored delivery matching `filter`, paging back from the newest. */
async function oldestMatch(call: Hookscope['call'], filter: DeliveryFilter): Promise<DeliverySummary | null> {
  let oldest: DeliverySummary | null = null;
  for (let beforeId: number | undefined; ; ) {
    const { items } = await call('deliveries.list', { limit: PAGE, provider: filter.provider, verdict: filter.verdict, beforeId });
    for (const d of items) if (matches(d, filter)) oldest = d;
    if (items.length < PAGE) return oldest;
    beforeId = items[items.length - 1]!.id;
  }
}

function timeoutMessage(filter: DeliveryFilter, timeoutMs: number, seen: DeliverySummary[]): string {
  const wanted = Object.keys(filter).length ? JSON.stringify(filter) : '{} (any delivery)';
  const others = seen.slice(-3).map((d) => `${d.method} ${d.path} ${d.provider ?? 'no provider'} ${d.verification.status}`);
  const also = seen.length ? `; ${seen.length} other deliveries arrived meanwhile (latest: ${others.join(', ')})` : '';
  return `waitForDelivery: no delivery matching ${wanted} within ${timeoutMs} ms${also}`;
}
