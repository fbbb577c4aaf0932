// Packaging cannot run here (electron-builder downloads Electron), so its configuration is checked
// with electron-builder's own schema, and the places that must agree are checked against each other:
// where the Electron-ABI binding is shipped and where main looks for it, the build output and
// package.json's main, the fuses (and the ad-hoc re-signing they need on macOS), the deb's homepage,
// and the icon.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { electronNativeBindingPath, NATIVE_BINDING_FILE } from '../../../electron/main/native-binding.js';
import { ROOT } from '../../support/cli.js';

const require = createRequire(import.meta.url);

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: Array<{ from: string; to: string }>;
  asarUnpack: string[];
  npmRebuild: boolean;
  electronFuses: Record<string, boolean>;
  icon: string;
  linux: { target: string[] };
  mac: { target: string };
  win: { target: string };
}

const config = YAML.parse(fs.readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const fullPkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
const pkg = fullPkg as { main: string; scripts: Record<string, string> };

describe('electron-builder.yml', () => {
  it("passes electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, notAnOption: true }, new DebugLogger(false))).rejects.toThrow(/configuration/);
  });

  it('names the app and builds AppImage and deb, dmg, and nsis', () => {
    expect(config).toMatchObject({ appId: 'dev.hookscope.app', productName: 'Hookscope' });
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toBe('dmg');
    expect(config.win.target).toBe('nsis');
  });

  it('ships the Electron-ABI binding exactly where the packaged main process looks for it', () => {
    const shipped = config.extraResources.find((r) => r.from.endsWith(NATIVE_BINDING_FILE));
    expect(shipped?.from).toBe(path.posix.join('build', 'native', NATIVE_BINDING_FILE));
    const resources = path.join(path.sep, 'opt', 'Hookscope', 'resources');
    expect(electronNativeBindingPath({ isPackaged: true, resourcesPath: resources, appPath: '/unused' })).toBe(path.join(resources, shipped!.to));
  });

  it('looks for the binding in build/native when unpackaged, where the native build script writes it', () => {
    const script = fs.readFileSync(path.join(ROOT, 'scripts/build-electron-native.mjs'), 'utf8');
    expect(script).toContain(`'build', 'native'`);
    expect(electronNativeBindingPath({ isPackaged: false, resourcesPath: '/unused', appPath: ROOT })).toBe(path.join(ROOT, 'build', 'native', NATIVE_BINDING_FILE));
  });

  it('never lets electron-builder rebuild native modules against the wrong headers', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asarUnpack).toContain('**/*.node');
  });

  it('turns the Electron fuses that could run our binary as something else off', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
    });
  });

  it('re-signs the app ad hoc after flipping the fuses, so a build made without a certificate starts on Apple Silicon', async () => {
    expect(config.electronFuses.resetAdHocDarwinSignature).toBe(true);
    // What electron-builder hands to @electron/fuses' flipFuses, which runs `codesign --sign -` on the .app.
    const { PlatformPackager } = require('app-builder-lib') as {
      PlatformPackager: { prototype: { generateFuseConfig(fuses: Record<string, boolean>): Promise<Record<string, unknown>> } };
    };
    const fuseConfig = await PlatformPackager.prototype.generateFuseConfig.call({}, config.electronFuses);
    expect(fuseConfig).toMatchObject({ resetAdHocDarwinSignature: true });
  });

  it("gives the deb target the project homepage it requires, as electron-builder computes it", async () => {
    const { AppInfo } = require('app-builder-lib') as {
      AppInfo: { prototype: { computePackageUrl(): Promise<string | null> } };
    };
    const { getRepositoryInfo } = require('app-builder-lib/out/util/repositoryInfo.js') as {
      getRepositoryInfo: (projectDir: string, metadata: unknown) => Promise<unknown>;
    };
    // A folder without .git, so a remote of this checkout cannot stand in for package.json.
    const noGit = path.join(ROOT, 'build');
    const packageUrl = (metadata: Record<string, unknown>) =>
      AppInfo.prototype.computePackageUrl.call({ info: { metadata, repositoryInfo: getRepositoryInfo(noGit, metadata) }, notNullDevMetadata: metadata });
    expect(await packageUrl(fullPkg)).toBe(fullPkg.homepage);
    const { homepage: _homepage, ...withoutHomepage } = fullPkg;
    expect(await packageUrl(withoutHomepage)).toMatch(/^https:\/\/github\.com\//); // repository alone would do too
    const { repository: _repository, ...neither } = withoutHomepage;
    expect(await packageUrl(neither)).toBeNull(); // what made the deb target abort
  });

  it('packages the built files, whose entry point is package.json main', () => {
    expect(config.files).toEqual(expect.arrayContaining(['dist/**', 'package.json']));
    expect(pkg.main).toBe('dist/electron/main.js');
    const viteConfig = fs.readFileSync(path.join(ROOT, 'vite.electron.config.ts'), 'utf8');
    expect(viteConfig).toContain(`'dist/electron'`);
    expect(viteConfig).toContain(`'main.js'`);
  });

  it('uses a 512x512 PNG icon', () => {
    const png = fs.readFileSync(path.join(ROOT, config.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
  });
});
