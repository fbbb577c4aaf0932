// Types for scripts/electron-launch.mjs, so TypeScript callers (tests, `hookscope app`) can import it.
export declare const SANDBOX_ABORT_WINDOW_MS: number;

export interface ElectronExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** How long Electron ran, in milliseconds. */
  ranMs: number;
  platform?: NodeJS.Platform;
}

export declare function electronExitProblem(exit: ElectronExit): string | null;

export declare function launchElectron(
  binary: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; problem: string | null }>;
