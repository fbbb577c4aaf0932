// Runs the built main.js against the fake Electron, pokes at everything it set up as Electron would
// (IPC calls, protocol requests, navigation, permission requests, a second instance, quitting), and
// prints one JSON report for main-process.test.ts. Usage: node --import ./register.mjs driver.mjs <main.js>
import fs from 'node:fs';
import net from 'node:net';
import { pathToFileURL } from 'node:url';
// The same module instance main.js gets for 'electron' (hooks.mjs resolves it to this file).
import { app, BrowserWindow, fake, makeEvent } from './electron.mjs';

process.on('unhandledRejection', (reason) => fake.unhandledRejections.push(String(reason)));

const DRIVER_SECRET = 'whsec_driver_secret_sealed_by_safe_storage';
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(predicate, what) {
  const deadline = Date.now() + 15_000;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; errors shown: ${JSON.stringify(fake.errorBoxes)}`);
    await sleep(20);
  }
}

function portIsClosed(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

async function respond(handler, url, method = 'GET') {
  const res = await handler(new Request(url, { method }));
  return { status: res.status, csp: res.headers.get('content-security-policy') };
}

async function main() {
  await import(pathToFileURL(process.argv[2]).href);

  if (process.env.FAKE_QUIT_DURING_START === '1') {
    // The user quits (Cmd+Q, Ctrl-C) while the core host is still starting, before the first window.
    await until(() => fake.utilityProcesses.length === 1, 'the core host to be forked');
    app.quit();
    await until(() => fake.quit, 'the app to quit');
    const hostExitCodes = fake.utilityProcesses.map((p) => p.exitCode ?? 'running');
    await sleep(300); // start() would open its window about now if it went on
    return { hostExitCodes, windows: fake.windows.length, ipcHandlers: fake.ipcHandlers.size, errorBoxes: fake.errorBoxes };
  }

  if (process.env.FAKE_SINGLE_INSTANCE_LOCK === 'taken') {
    await sleep(300);
    return { log: fake.log, windows: fake.windows.length, ipcHandlers: fake.ipcHandlers.size, quit: fake.quit };
  }

  await until(() => fake.windows.length === 1 && fake.windows[0].loadedUrl, 'the window');
  const win = fake.windows[0];
  const contents = win.webContents;
  await until(() => fake.messageBoxes.length > 0 || process.env.EXPECT_PORT_FALLBACK !== '1', 'the port notice');

  const report = { log: [...fake.log], privilegedSchemes: fake.privilegedSchemes, loadedUrl: win.loadedUrl };
  const { preload, ...webPreferences } = win.options.webPreferences;
  report.webPreferences = webPreferences;
  report.preloadFile = preload;
  report.ipcChannels = [...fake.ipcHandlers.keys()].sort();
  report.menu = fake.menuTemplate.map((item) => item.role ?? item.label);
  report.messageBoxes = fake.messageBoxes;

  let granted = 'not called';
  fake.permissionRequestHandler(contents, 'media', (answer) => (granted = answer));
  report.permissionRequestGranted = granted;
  report.permissionCheck = fake.permissionCheckHandler(contents, 'notifications', 'app://hookscope', {});
  // What navigator.clipboard.writeText asks for: a check with the frame's origin, then a request.
  const ownFrame = { requestingUrl: 'app://hookscope/index.html', isMainFrame: true };
  let clipboardRequest = 'not called';
  fake.permissionRequestHandler(contents, 'clipboard-sanitized-write', (answer) => (clipboardRequest = answer), ownFrame);
  report.clipboardWrite = {
    check: fake.permissionCheckHandler(contents, 'clipboard-sanitized-write', 'app://hookscope/', ownFrame),
    request: clipboardRequest,
    foreignCheck: fake.permissionCheckHandler(contents, 'clipboard-sanitized-write', 'https://evil.example/', { isMainFrame: true }),
  };
  report.requestFilter = fake.beforeRequest.filter.urls;
  const cancelled = (url) => new Promise((resolve) => fake.beforeRequest.listener({ url }, (r) => resolve(r.cancel)));
  report.remoteRequestCancelled = await cancelled('https://cdn.example.com/lib.js');

  const appProtocol = fake.protocolHandlers.get('app');
  report.protocolIndex = await respond(appProtocol, 'app://hookscope/index.html');
  report.protocolTraversal = await respond(appProtocol, 'app://hookscope/..%2f..%2fpackage.json');

  report.openHttps = contents.windowOpenHandler({ url: 'https://docs.example.com/webhooks' });
  report.openFile = contents.windowOpenHandler({ url: 'file:///etc/passwd' });
  report.openWithoutBrowser = contents.windowOpenHandler({ url: 'https://no-browser.example/docs' });
  const navigation = makeEvent();
  contents.emit('will-navigate', navigation, 'https://evil.example/');
  report.navigationPrevented = navigation.defaultPrevented;
  const webview = makeEvent();
  contents.emit('will-attach-webview', webview, {}, {});
  report.webviewPrevented = webview.defaultPrevented;
  report.openedExternally = fake.openedExternally;

  const invoke = (method, frame, input = {}) => fake.ipcHandlers.get(`hookscope:call:${method}`)({ senderFrame: frame }, input);
  const settings = await invoke('settings.get', { url: 'app://hookscope/index.html', parent: null });
  report.settings = settings;
  report.windowsOnceStarted = fake.windows.length;
  report.foreignCall = await invoke('settings.get', { url: 'https://evil.example/', parent: null });

  const mainFrame = { url: 'app://hookscope/index.html', parent: null };
  await invoke('endpoints.create', mainFrame, { path: '/hooks/sealed', secret: DRIVER_SECRET });
  report.secrets = (await invoke('stats.get', mainFrame)).result.secrets;
  report.listedSecret = (await invoke('endpoints.list', mainFrame)).result.items[0].secret;

  const receiverUrl = settings.result.receiverUrl;
  const captured = await fetch(`${receiverUrl}/hooks/from-driver`, { method: 'POST', body: '{"ping":true}' });
  report.captureStatus = captured.status;
  // Other events (captures.waiting while it is filed) may come first: wait for the delivery's own.
  await until(() => contents.sent.some(([, message]) => message.name === 'delivery.received'), 'the delivery event sent to the window');
  report.sentToWindow = contents.sent.map(([channel, message]) => ({ channel, name: message.name, path: message.payload.path }));

  // The core runs in a utility process: kill it as a crash would; the window is told, and a new host
  // serves the same receiver URL and the capture acknowledged before the crash.
  report.utilityProcesses = fake.utilityProcesses.map(({ modulePath, options }) => ({ modulePath, serviceName: options.serviceName }));
  const statusesSent = () => contents.sent.filter(([, m]) => m.name === 'host.status').map(([, m]) => m.payload.state);
  process.kill(fake.utilityProcesses[0].pid, 'SIGKILL');
  await until(() => statusesSent().includes('running') && fake.utilityProcesses.length === 2, 'the host to be restarted');
  report.hostStatusesSent = statusesSent();
  report.afterRestart = await invoke('settings.get', mainFrame);
  report.deliveriesAfterRestart = (await invoke('deliveries.list', mainFrame)).result.items.map((d) => d.path);

  app.emit('second-instance', makeEvent(), [], process.cwd());
  report.focusedOnSecondInstance = win.focusCount;

  // macOS: the last window closed, the app stays; a Dock click opens a window again, and only one.
  win.close();
  app.emit('activate', makeEvent(), false);
  app.emit('activate', makeEvent(), true);
  report.windowsAfterActivate = BrowserWindow.getAllWindows().length;
  report.reopenedUrl = BrowserWindow.getAllWindows()[0]?.loadedUrl;
  // Launched again (`hookscope app`) while no window is open: the running instance shows one.
  BrowserWindow.getAllWindows()[0]?.close();
  app.emit('second-instance', makeEvent(), [], process.cwd());
  report.windowsAfterSecondInstance = BrowserWindow.getAllWindows().length;

  const quitting = makeEvent();
  app.emit('before-quit', quitting);
  report.firstQuitPrevented = quitting.defaultPrevented;
  await until(() => fake.quit, 'the app to quit');
  report.receiverClosed = await portIsClosed(receiverUrl);
  report.walRemoved = !fs.existsSync(`${process.env.HOOKSCOPE_DB}-wal`);
  report.dbExists = fs.existsSync(process.env.HOOKSCOPE_DB);
  report.secretInDb = fs.readFileSync(process.env.HOOKSCOPE_DB).includes(DRIVER_SECRET);
  report.errorBoxes = fake.errorBoxes;
  report.unhandledRejections = fake.unhandledRejections;
  return report;
}

main().then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`);
    process.exit(0);
  },
  (err) => {
    process.stdout.write(`${JSON.stringify({ error: String(err?.stack ?? err) })}\n`);
    process.exit(1);
  },
);
