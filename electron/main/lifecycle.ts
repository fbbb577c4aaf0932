// The order of the app's start. macOS sends `activate` when the Dock icon is clicked, also while the
// app is still starting; a window opened then would exist before the IPC bridge is registered (its
// first calls fail) and start() would open a second one. So `activate` is listened to only once
// start() has finished (core, receiver, IPC bridge and first window all in place), and it reopens a
// window only when none is open. No Electron import: tested in Node over an EventEmitter.

/** The part of Electron's `app` this needs. */
export interface LifecycleApp {
  whenReady(): Promise<unknown>;
  on(event: 'activate', listener: () => void): unknown;
}

export interface LifecycleHooks {
  /** Everything the first window depends on, then the first window. */
  start(): Promise<void>;
  windowCount(): number;
  openWindow(): void;
}

export async function startWhenReady(app: LifecycleApp, hooks: LifecycleHooks): Promise<void> {
  await app.whenReady();
  await hooks.start();
  app.on('activate', () => {
    if (hooks.windowCount() === 0) hooks.openWindow();
  });
}
