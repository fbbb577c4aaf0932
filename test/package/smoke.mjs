#!/usr/bin/env node
// The packed-tarball smoke test: what a new user gets from `npm install ./hookscope-<version>.tgz` in
// an empty folder (production dependencies only; better-sqlite3 builds from source, about a minute).
// Checks, in that folder: `npx hookscope --version`; `serve --json` on free ports serving the headless
// UI from inside the package; one signed request captured and listed by `deliveries --json` with its
// verdict; `app` falling back to the headless UI in one line (no Electron in the package); and a
// `startHookscope` round trip from a small script, type-checked against the package's .d.ts.
//
// Run: node test/package/smoke.mjs [path/to/hookscope-x.y.z.tgz]   (without one, it runs `npm pack`)
// Exit 0 when every check passed; otherwise 1 with the failing check on stderr.
import { execFileSync, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const VERSION = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version;
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const SECRET = 's3cret';
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'hookscope-smoke-'));
const children = new Set();

function step(name) {
  process.stdout.write(`smoke: ${name}\n`);
}

function check(ok, message) {
  if (!ok) throw new Error(message);
}

function npmPack() {
  const out = execFileSync(NPM, ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  return path.join(work, out.trim().split('\n').pop());
}

/** Runs `npx hookscope …` in the user's folder; resolves with its exit code and output. */
function hookscope(project, args) {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['--no-install', 'hookscope', ...args], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/**
 * Starts a long-running `npx hookscope …` and resolves once a stdout line satisfies `ready`. In a
 * process group of its own: npx does not pass SIGTERM on to hookscope, so stop() signals the group.
 */
function startHookscope(project, args, ready) {
  const child = spawn('npx', ['--no-install', 'hookscope', ...args], { cwd: project, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  children.add(child);
  let stderr = '';
  child.stderr.on('data', (c) => (stderr += c));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hookscope ${args.join(' ')} printed nothing usable in 60 s: ${stderr}`)), 60_000);
    child.on('exit', (code) => reject(new Error(`hookscope ${args.join(' ')} exited with ${code}: ${stderr}`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const value = ready(line);
      if (value === undefined) return;
      clearTimeout(timer);
      resolve({ child, value, stderr: () => stderr });
    });
  });
}

function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(-child.pid, 'SIGTERM');
  return exited;
}

function signedAgileTune(url) {
  const body = JSON.stringify({ event: 'task.created', timestamp: Date.now(), data: { id: 'tsk_smoke' } });
  const signature = createHmac('sha256', SECRET).update(body).digest('hex');
  return fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-AgileTune-Signature': signature }, body });
}

const ROUND_TRIP = `// What the README shows: a test that signs a request, sends it, and asserts on the verdict.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import fs from 'node:fs';
import { startHookscope } from 'hookscope';

const hs = await startHookscope();
await hs.call('endpoints.create', { path: '/hooks/agiletune', provider: 'agiletune', secret: '${SECRET}' });
const body = JSON.stringify({ event: 'task.created', data: { id: 'tsk_1' } });
const signature = createHmac('sha256', '${SECRET}').update(body).digest('hex');
const res = await fetch(hs.receiverUrl + '/hooks/agiletune', { method: 'POST', headers: { 'X-AgileTune-Signature': signature }, body });
assert.equal(res.status, 200);
const delivery = await hs.waitForDelivery({ path: '/hooks/agiletune' }, { timeoutMs: 5000 });
assert.equal(delivery.verification.status, 'valid');
await assert.rejects(hs.waitForDelivery({ verdict: 'invalid' }, { timeoutMs: 300 }), /no delivery matching \\{"verdict":"invalid"\\}/);
await hs.close();
assert.equal(fs.existsSync(hs.db), false);
console.log('round trip ok: delivery', delivery.id, delivery.verification.status);
`;

async function main() {
  const tarball = process.argv[2] ? path.resolve(process.argv[2]) : npmPack();
  step(`tarball ${path.basename(tarball)} (${(fs.statSync(tarball).size / 1024).toFixed(0)} kB)`);

  const project = path.join(work, 'project');
  fs.mkdirSync(project);
  step('npm install <tarball> into an empty folder');
  execFileSync(NPM, ['install', '--no-audit', '--no-fund', '--omit=dev', tarball], { cwd: project, stdio: ['ignore', 'ignore', 'inherit'] });
  check(!fs.existsSync(path.join(project, 'node_modules/tsx')), 'tsx was installed: it must be a dev dependency only');

  step('hookscope --version');
  const version = await hookscope(project, ['--version']);
  check(version.code === 0 && version.stdout.trim() === VERSION, `--version: exit ${version.code}, printed "${version.stdout.trim()}", wanted ${VERSION}`);

  const db = path.join(work, 'smoke.db');
  step('hookscope endpoints add');
  const added = await hookscope(project, ['endpoints', 'add', '/hooks/agiletune', '--provider', 'agiletune', '--secret', SECRET, '--db', db]);
  check(added.code === 0, `endpoints add exited ${added.code}: ${added.stderr}`);

  step('hookscope serve --json on port 0');
  const serve = await startHookscope(project, ['serve', '--json', '--receiver-port', '0', '--ui-port', '0', '--db', db], (line) => JSON.parse(line));
  try {
    const { receiverUrl, uiUrl, token } = serve.value;
    check(/^http:\/\/127\.0\.0\.1:\d+$/.test(receiverUrl) && typeof token === 'string', `serve --json printed ${JSON.stringify(serve.value)}`);
    const page = await fetch(uiUrl.split('#')[0]);
    const html = await page.text();
    check(page.status === 200 && html.includes('<div id="root">'), `the headless UI did not answer with the built renderer (status ${page.status})`);
    const res = await signedAgileTune(`${receiverUrl}/hooks/agiletune`);
    check(res.status === 200, `the receiver answered ${res.status}`);
    const id = Number(res.headers.get('x-hookscope-delivery'));

    step('hookscope deliveries --json');
    const listed = await hookscope(project, ['deliveries', '--json', '--db', db]);
    check(listed.code === 0, `deliveries exited ${listed.code}: ${listed.stderr}`);
    const items = JSON.parse(listed.stdout);
    check(items.length === 1 && items[0].id === id, `deliveries --json listed ${listed.stdout}`);
    check(items[0].verification.status === 'valid' && items[0].provider === 'agiletune', `verdict: ${JSON.stringify(items[0].verification)}`);
  } finally {
    await stop(serve.child);
  }

  step('hookscope app without Electron: one line, then the headless UI');
  const app = await startHookscope(project, ['app', '--receiver-port', '0', '--ui-port', '0', '--db', db], (line) => /http:\/\/127\.0\.0\.1:\d+\/#token=/.exec(line)?.[0]);
  try {
    const lines = app.stderr().trim().split('\n');
    check(lines.length === 1 && /Electron runtime is not installed .*; starting the headless UI instead/.test(lines[0]), `app said: ${app.stderr()}`);
  } finally {
    await stop(app.child);
  }

  step('startHookscope round trip from a script in that folder');
  fs.writeFileSync(path.join(project, 'round-trip.mjs'), ROUND_TRIP);
  execFileSync(process.execPath, ['round-trip.mjs'], { cwd: project, stdio: 'inherit' });

  step("the README's node:test example, as written");
  const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
  const example = /```js\n(\/\/ hooks\.test\.mjs\n[\s\S]*?)```/.exec(readme)?.[1];
  check(example, 'README.md has no ```js block starting with // hooks.test.mjs');
  fs.writeFileSync(path.join(project, 'hooks.test.mjs'), example);
  execFileSync(process.execPath, ['--test', 'hooks.test.mjs'], { cwd: project, stdio: 'inherit' });

  step('the round-trip script type-checks against the package\'s .d.ts');
  fs.writeFileSync(path.join(project, 'round-trip.mts'), ROUND_TRIP.replace("hs.call('endpoints.create'", "hs.call('endpoints.create' as const"));
  const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
  execFileSync(
    process.execPath,
    [tsc, '--noEmit', '--strict', '--target', 'es2022', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--typeRoots', path.join(ROOT, 'node_modules/@types'), '--types', 'node', 'round-trip.mts'],
    { cwd: project, stdio: 'inherit' },
  );
  step('ok');
}

try {
  await main();
  fs.rmSync(work, { recursive: true, force: true });
} catch (err) {
  for (const child of children) {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  process.stderr.write(`smoke: FAILED: ${err.message}\n(files kept in ${work})\n`);
  process.exit(1);
}
