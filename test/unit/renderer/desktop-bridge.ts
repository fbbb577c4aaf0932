// The renderer's stores run here against a real core (temporary SQLite, live receiver), reached the
// way the desktop app reaches it: `window.hookscope`, one function per contract method. A test can
// hold back the answers to a method: the core runs the call at once (so the answer reflects the
// database at that moment), and the answer is handed over when the test releases it. That is how the
// races between a request and live traffic are played in a fixed order.
//
// The stores are imported by path at run time (`importRendererModule`) rather than statically: the
// renderer is type-checked under its own tsconfig (DOM types), which the root one does not load.
import type { DeliverySummary } from '../../../shared/domain.js';
import { startTestCore, type TestCore } from '../../support/core.js';

export interface HeldCall {
  name: string;
  input: unknown;
  release(): void;
}

export interface RendererHarness {
  test: TestCore;
  /** Every `delivery.received` the core announced, in order. */
  announced: DeliverySummary[];
  /** From now on, answers to `name` wait for `release()`; the held calls are listed here. */
  hold(name: string): HeldCall[];
  /** Answers flow freely again (calls already held stay held until released). */
  stopHolding(name: string): void;
  close(): Promise<void>;
}

export async function installDesktopBridge(): Promise<RendererHarness> {
  const test = await startTestCore();
  const held = new Map<string, HeldCall[]>();
  const announced: DeliverySummary[] = [];
  test.core.ctx.events.on('delivery.received', (row) => void announced.push(row));
  const bridge = new Proxy(
    {},
    {
      get(_target, name: string) {
        if (name === 'on') return () => () => {};
        return async (input: unknown) => {
          // Settled into a value at once, so a failure waiting to be released is not "unhandled".
          const answer = test.core.dispatch(name, input).then(
            (value) => ({ ok: true as const, value }),
            (error: unknown) => ({ ok: false as const, error }),
          );
          const queue = held.get(name);
          if (queue) await new Promise<void>((release) => queue.push({ name, input, release }));
          const settled = await answer;
          if (!settled.ok) throw settled.error;
          return settled.value;
        };
      },
    },
  );
  (globalThis as { window?: unknown }).window = { hookscope: bridge };
  return {
    test,
    announced,
    hold(name) {
      const queue = held.get(name) ?? [];
      held.set(name, queue);
      return queue;
    },
    stopHolding: (name) => void held.delete(name),
    close: () => test.close(),
  };
}

/** A renderer module, loaded after `installDesktopBridge` (the API client picks its transport on load). */
export async function importRendererModule<T>(pathFromRoot: string): Promise<T> {
  const url = new URL(`../../../${pathFromRoot}`, import.meta.url).href;
  return (await import(/* @vite-ignore */ url)) as T;
}

/** POSTs `body` to the receiver and answers the stored delivery's id. */
export async function capture(test: TestCore, path: string, body = '{"n":1}'): Promise<number> {
  const res = await fetch(new URL(path, test.receiver.url), { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });
  await res.arrayBuffer();
  return Number(res.headers.get('x-hookscope-delivery'));
}

/** Waits until `check` holds (the stores settle through promises and the 100 ms live flush). */
export async function until(check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
