// Runs the real CLI in a child process, as users and scripts do: the built one (dist/cli/cli.js, what
// the package's `hookscope` bin runs), which vitest's global setup rebuilds when a source changed.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The built CLI; spawn it as `node CLI_ENTRY <args>` (the process itself is the server: no wrapper). */
export const CLI_ENTRY = path.join(ROOT, 'dist/cli/cli.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  stdoutBytes: Buffer;
}

export function runCli(args: string[], opts: { input?: string | Buffer; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI_ENTRY, ...args], { cwd: ROOT, env: { ...process.env, ...opts.env } });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const stdoutBytes = Buffer.concat(out);
      resolve({ code: code ?? -1, stdout: stdoutBytes.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes });
    });
    child.stdin.end(opts.input ?? '');
  });
}

export interface ServeInfo {
  receiverUrl: string;
  uiUrl: string;
  token: string;
  db: string;
  /** The bridge's base URL (uiUrl without the fragment). */
  apiUrl: string;
  child: ChildProcess;
  /** What serve wrote to stderr so far. */
  stderr(): string;
  /** What serve wrote to stdout so far, its first (JSON) line included. */
  stdout(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `hookscope serve --json` on free ports and resolves once it printed its URLs. */
export function startServe(dbFile: string, extraArgs: string[] = [], env?: NodeJS.ProcessEnv): Promise<ServeInfo> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [CLI_ENTRY, 'serve', '--db', dbFile, '--receiver-port', '0', '--ui-port', '0', '--json', ...extraArgs],
      { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: env ? { ...process.env, ...env } : process.env },
    );
    let stderr = '';
    let stdout = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.stdout!.on('data', (c: Buffer) => (stdout += c.toString()));
    const lines = readline.createInterface({ input: child.stdout! });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`serve did not start: ${stderr}`));
    }, 30_000);
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
    lines.once('line', (line) => {
      clearTimeout(timer);
      const info = JSON.parse(line) as Omit<ServeInfo, 'child' | 'stop' | 'apiUrl'>;
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      resolve({
        ...info,
        apiUrl: info.uiUrl.split('/#')[0]!,
        child,
        stderr: () => stderr,
        stdout: () => stdout,
        stop: async (signal = 'SIGTERM') => {
          if (child.exitCode === null && child.signalCode === null) child.kill(signal);
          return exited;
        },
      });
    });
  });
}

/** Calls the control API of a running serve. */
export async function callApi<T = unknown>(serve: Pick<ServeInfo, 'apiUrl' | 'token'>, method: string, input: unknown = {}): Promise<T> {
  const res = await fetch(`${serve.apiUrl}/api/call/${method}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${serve.token}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await res.json()) as { result?: T; error?: { code: string; message: string } };
  if (!res.ok) throw new Error(`${method}: ${body.error?.code}: ${body.error?.message}`);
  return body.result as T;
}
