// better-sqlite3 has two builds: node_modules keeps the one for Node's ABI (CLI, tests), and
// scripts/build-electron-native.mjs makes one for Electron's ABI in build/native/. Electron's main
// process hands the latter to better-sqlite3's `nativeBinding` option; electron-builder copies it into
// the package's resources (extraResources), so a packaged app finds it beside app.asar.
import path from 'node:path';

export const NATIVE_BINDING_FILE = 'better_sqlite3.node';

export interface NativeBindingPlace {
  isPackaged: boolean;
  /** process.resourcesPath (packaged). */
  resourcesPath: string;
  /** app.getAppPath(): the project root when run with `electron .`. */
  appPath: string;
}

export function electronNativeBindingPath(place: NativeBindingPlace): string {
  return place.isPackaged
    ? path.join(place.resourcesPath, 'native', NATIVE_BINDING_FILE)
    : path.join(place.appPath, 'build', 'native', NATIVE_BINDING_FILE);
}
