// The app:// scheme that serves the built UI. A privileged standard+secure scheme gives the page a
// real origin (app://hookscope) for the CSP's 'self' and for the IPC sender check, without file://'s
// extra powers (file:// pages can read any other file:// URL). Registration must happen before the
// app is ready; the handler is installed after.
import { protocol } from 'electron';
import { serveAppFile } from './app-files.js';
import { APP_SCHEME } from './origins.js';

export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

export function serveAppScheme(uiDir: string): void {
  protocol.handle(APP_SCHEME, (request) => serveAppFile(uiDir, { url: request.url, method: request.method }));
}
