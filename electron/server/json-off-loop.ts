// JSON parsing of large API calls on a worker thread (issue #17). The HTTP bridge shares its process
// with the receiver, so a call parsed on the event loop holds back every capture meanwhile: decoding
// and parsing tens of MB of JSON takes from tens of milliseconds (one long string) to seconds and
// gigabytes (millions of small values). Small calls are parsed in place (a worker round trip costs
// more than they do); larger ones go to one worker thread, which decodes, parses and counts the values
// before anything comes back. What comes back is bounded in values (the main thread rebuilds each one
// when the message arrives; a long string is one copy), and the worker's heap is bounded too: a body
// that would take more memory than that is refused, not the process grown without end.
import { Worker } from 'node:worker_threads';

/** Bodies up to this size are parsed on the event loop (well under a millisecond). */
export const PARSE_IN_PLACE_BYTES = 256 * 1024;
/**
 * Most JSON values (objects, arrays, strings, numbers…) a parsed call may hold. The largest accepted
 * inputs hold 100,000 ids (deliveries.delete, deliveries.verifyMany) or 10,000 event names.
 */
export const MAX_JSON_VALUES = 200_000;
const WORKER_HEAP_MB = 768;

export class JsonBodyError extends Error {}

// Plain CommonJS evaluated in the worker: no file to bundle or resolve at run time.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
function tooManyValues(root, max) {
  const stack = [root];
  let count = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (++count > max) return true;
    if (value !== null && typeof value === 'object') {
      if (Array.isArray(value)) for (let i = 0; i < value.length; i++) stack.push(value[i]);
      else for (const key in value) stack.push(value[key]);
    }
  }
  return false;
}
parentPort.on('message', ({ id, bytes }) => {
  let value;
  try {
    const text = Buffer.from(bytes).toString('utf8');
    value = text.trim() ? JSON.parse(text) : {};
  } catch {
    return parentPort.postMessage({ id, error: 'invalid' });
  }
  if (tooManyValues(value, workerData.maxValues)) return parentPort.postMessage({ id, error: 'too-many' });
  parentPort.postMessage({ id, value });
});
`;

interface Reply {
  id: number;
  value?: unknown;
  error?: 'invalid' | 'too-many';
}

export interface JsonParser {
  /**
   * The JSON value of a request body (an empty body is `{}`); JsonBodyError when it is not acceptable.
   * A large `bytes` may be moved to the worker: the caller must not use it afterwards.
   */
  parse(bytes: Buffer): Promise<unknown>;
  close(): Promise<void>;
}

export function createJsonParser(opts: { inPlaceBytes?: number; maxValues?: number; workerHeapMb?: number } = {}): JsonParser {
  const inPlaceBytes = opts.inPlaceBytes ?? PARSE_IN_PLACE_BYTES;
  const maxValues = opts.maxValues ?? MAX_JSON_VALUES;
  const workerHeapMb = opts.workerHeapMb ?? WORKER_HEAP_MB;
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let worker: Worker | null = null;
  let nextId = 1;
  let closing = false;

  const failAll = (err: Error) => {
    for (const call of pending.values()) call.reject(err);
    pending.clear();
  };

  function started(): Worker {
    if (worker) return worker;
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { maxValues }, resourceLimits: { maxOldGenerationSizeMb: workerHeapMb } });
    w.unref(); // idle, it must not keep the process alive
    w.on('message', (reply: Reply) => {
      const call = pending.get(reply.id);
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if (!call) return;
      if (reply.error === 'invalid') call.reject(new JsonBodyError('request body is not valid JSON'));
      else if (reply.error === 'too-many') call.reject(new JsonBodyError(`request body holds more than ${maxValues} JSON values, more than any API call accepts`));
      else call.resolve(reply.value);
    });
    // Out of heap (a body of millions of small values) or any other end: the calls in flight are
    // refused, and the next large call starts a fresh worker.
    w.on('error', () => {});
    w.once('exit', () => {
      if (worker === w) worker = null;
      failAll(closing ? new Error('the API is closing') : new JsonBodyError('request body takes more memory to parse than any API call may'));
    });
    worker = w;
    return w;
  }

  return {
    parse(bytes) {
      if (bytes.length <= inPlaceBytes) {
        try {
          return Promise.resolve(parseInPlace(bytes));
        } catch (err) {
          return Promise.reject(err as Error);
        }
      }
      const w = started();
      const id = nextId++;
      // The worker gets the bytes moved, not copied, when they fill an ArrayBuffer of their own (a
      // large Buffer.concat does); a Buffer in Node's shared pool is copied out first, never moved.
      const buffer = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length ? (bytes.buffer as ArrayBuffer) : new Uint8Array(bytes).buffer;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        w.ref(); // a call in flight keeps the process alive until it is answered
        w.postMessage({ id, bytes: buffer }, [buffer]);
      });
    },
    async close() {
      closing = true;
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

function parseInPlace(bytes: Buffer): unknown {
  const text = bytes.toString('utf8');
  if (!text.trim()) return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new JsonBodyError('request body is not valid JSON');
  }
}
