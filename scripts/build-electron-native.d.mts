// Types for scripts/build-electron-native.mjs, so TypeScript callers (tests) can import it.
export interface NativeManifest {
  electron: string;
  abi: string;
  betterSqlite3: string;
  platform: NodeJS.Platform;
  arch: string;
}

export declare function wantedManifest(): NativeManifest;
export declare function isUpToDate(): boolean;
export declare function ensureElectronNative(options?: {
  force?: boolean;
  onBuild?: (manifest: NativeManifest) => void;
}): Promise<{ manifest: NativeManifest; fresh: boolean; compiled?: boolean; seconds?: number }>;
/** The one line printed before a build starts: what it will do and how long a compile takes. */
export declare function buildingLine(manifest: NativeManifest): string;
