// Which pages the desktop shell trusts and which URLs it hands to the OS (electron/main/origins.ts).
import { describe, expect, it } from 'vitest';
import {
  APP_ORIGIN,
  chooseDevUrl,
  externalUrl,
  isAllowedRequestUrl,
  isTrustedOrigin,
  originOf,
} from '../../../electron/main/origins.js';

describe('originOf', () => {
  it('gives app://hookscope for our pages, where URL.origin would say "null"', () => {
    expect(new URL('app://hookscope/index.html').origin).toBe('null');
    expect(originOf('app://hookscope/index.html#/deliveries')).toBe(APP_ORIGIN);
  });

  it('keeps the port of an http origin', () => {
    expect(originOf('http://127.0.0.1:5173/src/main.tsx')).toBe('http://127.0.0.1:5173');
  });

  it('has no origin for URLs without a host, or for garbage', () => {
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('not a url')).toBeNull();
  });
});

describe('isTrustedOrigin', () => {
  it('trusts only the exact origins given', () => {
    const trusted = [APP_ORIGIN];
    expect(isTrustedOrigin('app://hookscope/index.html', trusted)).toBe(true);
    expect(isTrustedOrigin('app://evil/index.html', trusted)).toBe(false);
    expect(isTrustedOrigin('https://hookscope/index.html', trusted)).toBe(false);
    expect(isTrustedOrigin('app://hookscope.evil.example/index.html', trusted)).toBe(false);
  });
});

describe('chooseDevUrl', () => {
  it('uses a loopback HOOKSCOPE_DEV_URL when not packaged', () => {
    expect(chooseDevUrl({ HOOKSCOPE_DEV_URL: 'http://localhost:5173' }, false)).toEqual({ url: 'http://localhost:5173/' });
  });

  it('ignores HOOKSCOPE_DEV_URL in a packaged app', () => {
    expect(chooseDevUrl({ HOOKSCOPE_DEV_URL: 'http://localhost:5173' }, true)).toEqual({ url: null });
  });

  it('refuses a dev URL that would load remote content, and says why', () => {
    const choice = chooseDevUrl({ HOOKSCOPE_DEV_URL: 'http://example.com:5173' }, false);
    expect(choice.url).toBeNull();
    expect('warning' in choice && choice.warning).toMatch(/localhost or 127\.0\.0\.1/);
  });

  it('loads the built UI when the variable is unset', () => {
    expect(chooseDevUrl({}, false)).toEqual({ url: null });
  });
});

describe('externalUrl', () => {
  it('opens http and https links in the browser', () => {
    expect(externalUrl('https://docs.github.com/webhooks')).toBe('https://docs.github.com/webhooks');
    expect(externalUrl('http://localhost:3000/')).toBe('http://localhost:3000/');
  });

  it('never hands other schemes to the OS', () => {
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'app://hookscope/x', 'ms-settings:', 'junk']) {
      expect(externalUrl(url), url).toBeNull();
    }
  });
});

describe('isAllowedRequestUrl', () => {
  const dev = [APP_ORIGIN, 'http://127.0.0.1:5173'];

  it('refuses remote content', () => {
    expect(isAllowedRequestUrl('https://cdn.example.com/lib.js', dev)).toBe(false);
    expect(isAllowedRequestUrl('http://127.0.0.1:4748/api/call/stats.get', dev)).toBe(false);
    expect(isAllowedRequestUrl('file:///etc/passwd', dev)).toBe(false);
  });

  it("allows the dev server and its HMR socket", () => {
    expect(isAllowedRequestUrl('http://127.0.0.1:5173/@vite/client', dev)).toBe(true);
    expect(isAllowedRequestUrl('ws://127.0.0.1:5173/?token=x', dev)).toBe(true);
    expect(isAllowedRequestUrl('ws://127.0.0.1:9999/', dev)).toBe(false);
  });
});
