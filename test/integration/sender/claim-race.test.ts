// Claiming a batch while another process writes its leases (another `serve` resuming it, its owner
// renewing): the claim waits its turn for the write lock instead of failing at once with
// SQLITE_BUSY(_SNAPSHOT), which used to abort the scheduler's whole resume loop for that tick. The
// other process is a worker thread on its own connection to the same file, claiming in a tight loop.
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { prepareBatch } from '../../../electron/core/sender/start.js';
import { SendRepo } from '../../../electron/core/store/sends.js';
import { sendStartSchema } from '../../../shared/api/sender.js';
import { useSenderFixture } from './support/fixture.js';

const fx = useSenderFixture();

const OTHER_PROCESS = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.dbFile);
db.pragma('busy_timeout = 5000');
const claim = db.transaction(() => {
  db.prepare("SELECT DISTINCT owner FROM sends WHERE batch_id = ? AND status = 'scheduled'").all(workerData.batchId);
  db.prepare("UPDATE sends SET owner = 'other', lease_until = ? WHERE batch_id = ? AND status = 'scheduled'").run(Date.now() + 15000, workerData.batchId);
});
const stop = new Int32Array(workerData.stop);
parentPort.postMessage('racing');
let claims = 0;
// Until the test has finished claiming (a deadline in case it never says so).
for (const end = Date.now() + 10000; Atomics.load(stop, 0) === 0 && Date.now() < end; claims++) claim.immediate();
db.close();
parentPort.postMessage(claims);
`;

describe('claiming a batch', () => {
  it('waits for the write lock while another process claims the same batch, never failing with SQLITE_BUSY', async () => {
    const { dbFile, core } = fx.sender;
    const repo = new SendRepo(core.ctx.store.db);
    const batch = prepareBatch(sendStartSchema.parse({ provider: 'agiletune', events: ['task.created'], to: 'http://127.0.0.1:9/' }), Date.now());
    const { batchId } = repo.createBatch(batch, { owner: 'gone', leaseUntil: 0 });

    const stop = new SharedArrayBuffer(4);
    const other = new Worker(OTHER_PROCESS, {
      eval: true,
      workerData: { dbFile, batchId, stop, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
    });
    const messages: unknown[] = [];
    const done = new Promise<number>((resolve, reject) => {
      other.on('message', (m: unknown) => {
        messages.push(m);
        if (typeof m === 'number') resolve(m);
      });
      other.once('error', reject);
    });
    await expect.poll(() => messages).toContain('racing');

    const failures: string[] = [];
    let claimed = 0;
    // A quarter second of racing: the deferred claim this replaces failed thousands of times a second.
    for (const end = Date.now() + 250; Date.now() < end; ) {
      try {
        if (repo.claimBatch(batchId, { owner: 'us', leaseUntil: Date.now() + 15_000 }, ['gone', 'other', 'us'])) claimed++;
      } catch (err) {
        failures.push((err as { code?: string }).code ?? String(err));
      }
    }
    Atomics.store(new Int32Array(stop), 0, 1);
    const theirClaims = await done;
    expect(failures.slice(0, 3)).toEqual([]);
    expect(claimed).toBeGreaterThan(0);
    expect(theirClaims).toBeGreaterThan(0);
  });
});
