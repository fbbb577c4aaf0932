// electron-builder's beforePack hook: the package must ship better-sqlite3 built for Electron's ABI
// (extraResources takes it from build/native/), so build it now if it is missing or stale, and stop
// packaging with one clear line if that is impossible (never ship an app that cannot open its database).
import { buildingLine, ensureElectronNative } from './build-electron-native.mjs';

// electron-builder's Arch enum, as numbers in the hook's context.
const ARCH_NAMES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

export default async function beforePack(context) {
  const arch = ARCH_NAMES[context.arch] ?? String(context.arch);
  if (context.electronPlatformName !== process.platform || arch !== process.arch) {
    throw new Error(
      `hookscope: packaging for ${context.electronPlatformName}-${arch} on ${process.platform}-${process.arch} is not supported: build/native holds this machine's better-sqlite3 only`,
    );
  }
  const { manifest } = await ensureElectronNative({ onBuild: (wanted) => console.log(`  • ${buildingLine(wanted)}`) });
  console.log(`  • better-sqlite3 ${manifest.betterSqlite3} for Electron ${manifest.electron} (ABI ${manifest.abi}) from build/native`);
}
