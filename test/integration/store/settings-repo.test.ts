// The settings repository on a real database: a caller that names the keys it needs gets only those,
// and no sealed secret is opened for it (serve's retention reads its rules every 30 s; the ngrok
// authtoken is sealed beside them).
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../electron/core/core.js';
import { RETENTION_KEYS } from '../../../shared/settings.js';
import { removeTempDirs, tempDbFile } from '../../support/temp.js';

const cores: Core[] = [];
afterEach(async () => {
  for (const core of cores.splice(0)) await core.close();
});
afterAll(removeTempDirs);

describe('settings.values', () => {
  it('gives only the keys asked for, without opening a sealed one beside them', () => {
    const core = openCore({ dbFile: tempDbFile() });
    cores.push(core);
    const { settings } = core.ctx.store;
    settings.set('retention.keep', '5000');
    settings.set('tunnel.ngrokAuthtoken', '2zQfakeNgrokToken_5a6b7c8d9e0fXyZ');
    // Sealed under a key this machine does not have: opening it would show the "enter it again" text.
    core.ctx.store.db.prepare("UPDATE settings SET value = 'hookscope:v1:aes256gcm:0badc0de:AAAA' WHERE key = 'tunnel.ngrokAuthtoken'").run();
    expect(settings.values()['tunnel.ngrokAuthtoken']).toMatch(/sealed with a key this machine does not have/);
    expect(settings.values(RETENTION_KEYS)).toEqual({ 'retention.keep': '5000' });
  });
});
