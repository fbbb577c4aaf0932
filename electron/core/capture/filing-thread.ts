// Filing on the other core (issue #17): the receiver's side of the filing worker (filing-worker.ts).
// The worker files the capture log as fast as it can on its own thread and connection, and fills the
// search index when the log is empty; this side
// - runs each group commit in the write turn (write-turn.ts), after posting the worker any endpoint
//   change (secrets opened, on a port of their own: never by environment, argument or file);
// - wakes the worker when captures are committed while it waits for work;
// - announces what was filed (Filing.announce: the receiving process announces, once);
// - lets a read wait until the worker has filed what was logged before it (Filing.fileBeforeRead);
// - if the worker cannot start or dies, says so once and leaves filing to this thread's filing loop
//   (filing-loop.ts, which runs either way) and indexing to the caller (onStopped): nothing is lost,
//   every capture is in the log until it is filed.
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, Worker } from 'node:worker_threads';
import type { Endpoint } from '../../../shared/domain.js';
import type { Store } from '../store/index.js';
import type { Filing } from './filing.js';
import type { CommitTurn } from './writer.js';
import { FILING_WORKER_MARK, FILING_WORKER_URL, type FilingWorkerData, type FromFilingWorker, type ToFilingWorker } from './filing-worker.js';
import { WriteTurn } from './write-turn.js';

export interface FilingWorkerOptions {
  /** The worker also fills the search index (the caller does not run the indexer meanwhile). */
  indexSearch: boolean;
  /** The worker stopped on its own (it could not start, or died): filing and indexing are this thread's again. */
  onStopped?: (reason: string) => void;
  /** Reports a filing failure in the worker (full disk, read-only file) once per failure streak. */
  onError?: (message: string) => void;
}

export interface FilingWorker {
  /** The receiver's group commits take turns with the worker's slices (sending endpoint changes first). */
  readonly commitTurn: CommitTurn;
  /** Captures were just committed (`busy`: the receiver is in a burst). */
  committed(busy: boolean): void;
  /** False once the worker stopped (or could not start): filing is this thread's. */
  readonly running: boolean;
  /** The thread itself (tests end it as a crash would). */
  readonly thread: Worker;
  stop(): Promise<void>;
}

/** A read waits this long for the worker to make progress before filing the rest on this thread. */
const READ_PATIENCE_MS = 1_000;

export function startFilingWorker(store: Store, filing: Filing, opts: FilingWorkerOptions): FilingWorker {
  const turn = new WriteTurn();
  const channel = new MessageChannel();
  const data: FilingWorkerData = {
    mark: FILING_WORKER_MARK,
    file: store.file,
    nativeBinding: store.nativeBinding,
    synchronous: process.env.HOOKSCOPE_SYNCHRONOUS === 'FULL' ? 'FULL' : 'NORMAL',
    turn: turn.buffer,
    endpoints: channel.port2,
    indexSearch: opts.indexSearch,
  };
  let running = true;
  let stopping = false;
  let idle = false;
  let sentEndpoints: readonly Endpoint[] | null = null;
  let holding = false;
  let progressWaiters: Array<(progressed: boolean) => void> = [];
  let stopped: () => void = () => {};
  const whenStopped = new Promise<void>((resolve) => (stopped = resolve));

  const sendEndpoints = () => {
    const now = store.endpoints.current();
    if (now === sentEndpoints) return;
    channel.port1.postMessage(now);
    sentEndpoints = now;
  };
  const post = (message: ToFilingWorker) => worker.postMessage(message);
  const progressed = (yes: boolean) => {
    const waiters = progressWaiters;
    progressWaiters = [];
    for (const resolve of waiters) resolve(yes);
  };

  sendEndpoints(); // before the worker reads its first capture
  const worker = spawn(data);
  worker.unref();

  worker.on('message', (message: FromFilingWorker) => {
    switch (message.type) {
      case 'filed':
        filing.announce();
        return progressed(true);
      case 'idle':
        idle = true;
        // A commit may have come between the worker's last look and this message.
        if (!stopping && store.captures.newestId() > 0) wake(false);
        return;
      case 'failed':
        return opts.onError?.(message.message);
      case 'stopped':
        return;
    }
  });
  const gone = (reason: string) => {
    if (!running) return;
    running = false;
    turn.reset();
    progressed(false);
    filing.useWorker(null);
    stopped();
    if (!stopping) {
      console.error(`hookscope: the filing worker stopped (${reason}); captures are filed on the receiver's thread from now on`);
      opts.onStopped?.(reason);
    }
  };
  worker.on('error', (err) => gone(err.message));
  worker.on('exit', (code) => gone(`exit code ${code}`));

  function wake(busy: boolean) {
    idle = false;
    post({ type: 'wake', busy });
  }

  filing.useWorker({
    turn,
    async waitFiled(through) {
      for (;;) {
        const oldest = store.captures.oldest();
        if (!oldest || oldest.id > through || !running) return;
        const moved = await new Promise<boolean>((resolve) => {
          progressWaiters.push(resolve);
          setTimeout(() => resolve(false), READ_PATIENCE_MS).unref();
        });
        if (!moved) return; // behind or stuck: the read files the rest itself
      }
    },
  });

  return {
    commitTurn: {
      tryTake() {
        holding = false;
        if (!running) return true; // no worker: nobody to wait for
        sendEndpoints();
        holding = turn.receiverTryTake();
        return holding;
      },
      done() {
        if (holding) turn.receiverDone();
        holding = false;
      },
    },
    committed(busy) {
      if (running && idle) wake(busy);
    },
    get running() {
      return running;
    },
    thread: worker,
    async stop() {
      if (!running) return;
      stopping = true;
      post({ type: 'stop' });
      const timer = setTimeout(() => void worker.terminate(), 5_000);
      await whenStopped;
      clearTimeout(timer);
      channel.port1.close();
    },
  };
}

/**
 * The worker runs this package's filing code. Built (dist/), that is the file holding filing-worker.ts's
 * code; from the sources (tests, benches under tsx), tsx is registered in the worker first.
 */
function spawn(data: FilingWorkerData): Worker {
  const options = { workerData: data, transferList: [data.endpoints] };
  if (!FILING_WORKER_URL.endsWith('.ts')) return new Worker(new URL(FILING_WORKER_URL), options);
  // tsx's ES entry (its CommonJS one cannot register from an eval'd worker).
  const tsx = path.join(path.dirname(createRequire(FILING_WORKER_URL).resolve('tsx/package.json')), 'dist/esm/api/index.mjs');
  const source = `import(${JSON.stringify(pathToFileURL(tsx).href)}).then(({ register }) => { register(); return import(${JSON.stringify(FILING_WORKER_URL)}); });`;
  return new Worker(source, { ...options, eval: true });
}
