// The start order (electron/main/lifecycle.ts) over an EventEmitter playing Electron's `app`: a Dock
// click (`activate`) while the app is starting opens nothing; once started, it reopens a window only
// when none is open.
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { startWhenReady } from '../../../electron/main/lifecycle.js';

function deferred() {
  let resolve!: () => void;
  let reject!: (err: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** An app whose readiness and start the test controls, counting the windows start() and activate open. */
function harness() {
  const ready = deferred();
  const started = deferred();
  const app = Object.assign(new EventEmitter(), { whenReady: () => ready.promise });
  const windows: string[] = [];
  const running = startWhenReady(app, {
    start: async () => {
      await started.promise; // the receiver's start, the IPC bridge...
      windows.push('from start');
    },
    windowCount: () => windows.length,
    openWindow: () => windows.push('from activate'),
  });
  return { app, ready, started, windows, running };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('startWhenReady', () => {
  it('ignores activate before the app is ready and while start() runs: start opens the only window', async () => {
    const h = harness();
    h.app.emit('activate');
    h.ready.resolve();
    await tick();
    h.app.emit('activate'); // the gap the bug lived in: core opened, receiver not listening, no IPC bridge yet
    expect(h.windows).toEqual([]);
    h.started.resolve();
    await h.running;
    expect(h.windows).toEqual(['from start']);
  });

  it('once started, activate opens a window only when none is open', async () => {
    const h = harness();
    h.ready.resolve();
    h.started.resolve();
    await h.running;
    h.app.emit('activate');
    expect(h.windows).toEqual(['from start']);
    h.windows.length = 0; // the user closed it; the app stays in the Dock on macOS
    h.app.emit('activate');
    h.app.emit('activate');
    expect(h.windows).toEqual(['from activate']);
  });

  it('never listens to activate when start() fails, and passes the failure on', async () => {
    const h = harness();
    h.ready.resolve();
    h.started.reject(new Error('database is locked'));
    await expect(h.running).rejects.toThrow('database is locked');
    expect(h.app.listenerCount('activate')).toBe(0);
  });
});
