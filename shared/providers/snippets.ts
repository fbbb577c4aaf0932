// Handler snippets generated from the provider spec, so built-in and custom providers get the same
// correct code: the raw body (never re-serialised JSON), the signed string built from the spec's
// template, the secret decoded the spec's way, the timestamp window checked both ways, and a
// constant-time comparison that returns false instead of throwing when the lengths differ.
import type { ProviderSpec, SignatureSpec } from './spec.js';
import { eventHeader } from './event.js';
import { requireProvider } from './registry.js';
import { timestampToleranceSec } from '../verify/signature-format.js';

export type SnippetLanguage = 'node' | 'python';

type HmacSpec = Extract<SignatureSpec, { kind: 'hmac' }>;

/** A short Express (Node) or Flask (Python) handler that verifies `providerId`'s requests. */
export function handlerSnippet(providerId: string, language: SnippetLanguage): string {
  return snippetFor(requireProvider(providerId), language);
}

export function snippetFor(spec: ProviderSpec, language: SnippetLanguage): string {
  return language === 'node' ? nodeSnippet(spec) : pythonSnippet(spec);
}

/**
 * Only the verification function and what it needs (no web framework): `verifyWebhook(rawBody,
 * header, secret)` / `verify_webhook(raw_body, header, secret)`, where `header(name)` returns a
 * request header. Tests run exactly this code against what Hookscope signs.
 */
export function verifierSource(spec: ProviderSpec, language: SnippetLanguage): string {
  const lines = language === 'node' ? [...nodeImports(), ...nodeVerifier(spec)] : [...pythonImports(spec), ...pythonVerifier(spec)];
  return lines.join('\n');
}

// ── Node ────────────────────────────────────────────────────────────────────────────────────────

function nodeSnippet(spec: ProviderSpec): string {
  const route = js(`/webhooks/${spec.id}`);
  return [
    ...comment('//', spec),
    ...nodeImports(),
    "import express from 'express';",
    ...nodeVerifier(spec),
    '',
    'const app = express();',
    '// express.raw() keeps the exact bytes: express.json() hands over re-serialised JSON, whose signature never matches.',
    "// Its default limit (100 KB) would refuse a large event: `hookscope check` sends one of 1 MiB.",
    `app.post(${route}, express.raw({ type: '*/*', limit: '5mb' }), (req, res) => {`,
    "  if (!verifyWebhook(req.body, (name) => req.get(name), process.env.WEBHOOK_SECRET ?? '')) {",
    "    return res.status(400).send('invalid signature');",
    '  }',
    "  const payload = JSON.parse(req.body.toString('utf8'));",
    ...nodeEventName(spec),
    `  // … handle it, or queue it and answer at once (${spec.name} gives up after ${spec.retry.timeoutMs / 1000} s).`,
    '  return res.sendStatus(200);',
    '});',
    '',
    'app.listen(3000);',
    '',
  ].join('\n');
}

function nodeImports(): string[] {
  return ["import crypto from 'node:crypto';"];
}

function nodeVerifier(spec: ProviderSpec): string[] {
  return [
    '',
    '// Constant-time comparison that says false, instead of throwing, when the lengths differ.',
    'function safeEqual(a, b) {',
    "  const x = Buffer.from(a, 'utf8');",
    "  const y = Buffer.from(b, 'utf8');",
    '  return x.length === y.length && crypto.timingSafeEqual(x, y);',
    '}',
    '',
    `/** True when rawBody (a Buffer of the bytes received) carries a valid ${spec.name} signature. */`,
    'export function verifyWebhook(rawBody, header, secret) {',
    ...indent(spec.signature.kind === 'hmac' ? nodeHmacBody(spec, spec.signature) : nodeStaticKeyBody(spec.signature.header)),
    '}',
  ];
}

function nodeStaticKeyBody(header: string): string[] {
  return ['// The key itself travels in the header: it authenticates the sender but does not protect the body.', `return safeEqual(header(${js(header)}) ?? '', secret);`];
}

function nodeHmacBody(spec: ProviderSpec, sig: HmacSpec): string[] {
  const lines: string[] = [];
  const value = `header(${js(sig.header)}) ?? ''`;
  switch (sig.format) {
    case 'plain':
      if (!sig.prefix) {
        lines.push(`const signatures = [${value}];`);
        break;
      }
      lines.push(`const received = ${value};`, `if (!received.startsWith(${js(sig.prefix)})) return false;`, `const signatures = [received.slice(${sig.prefix.length})];`);
      break;
    case 'stripe':
      lines.push(
        `const pairs = (${value}).split(',').map((part) => part.trim().split(/=(.*)/s));`,
        "const timestamp = pairs.find(([key]) => key === 't')?.[1] ?? '';",
        "const signatures = pairs.filter(([key]) => key === 'v1').map(([, signature]) => signature);",
      );
      break;
    case 'standard-webhooks':
      lines.push(`const signatures = (${value}).split(' ').filter((entry) => entry.startsWith('v1,')).map((entry) => entry.slice(3));`);
      break;
  }
  const uses = templateUses(sig.signedPayload);
  if (uses.id) lines.push(`const id = header(${js(spec.idHeader ?? 'id')}) ?? '';`);
  const tolerance = timestampToleranceSec(spec);
  if (sig.format !== 'stripe' && (uses.timestamp || tolerance)) {
    lines.push(spec.timestamp ? `const timestamp = header(${js(spec.timestamp.header)}) ?? '';` : "const timestamp = ''; // the profile names no timestamp header");
  }
  if (tolerance) {
    lines.push(
      `// Reject replays and skewed clocks: the signed timestamp must be within ${tolerance} s of now, either way.`,
      `if (!/^\\d+$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > ${tolerance}) return false;`,
    );
  }
  lines.push(
    `const key = ${nodeKey(sig.secretEncoding)};`,
    `const payload = ${nodePayload(sig.signedPayload)};`,
    `const expected = crypto.createHmac(${js(sig.algorithm)}, key).update(payload).digest(${js(sig.encoding)});`,
    'return signatures.some((signature) => safeEqual(signature, expected));',
  );
  return lines;
}

function nodeKey(encoding: HmacSpec['secretEncoding']): string {
  switch (encoding) {
    case 'utf8':
      return "Buffer.from(secret, 'utf8')";
    case 'base64':
      return "Buffer.from(secret, 'base64')";
    case 'whsec':
      return "Buffer.from(secret.replace(/^whsec_/, ''), 'base64')";
  }
}

function nodePayload(template: string): string {
  const parts = templateParts(template).map((part) =>
    part === BODY ? 'rawBody' : `Buffer.from(\`${part.map((p) => (typeof p === 'string' ? escapeTemplateLiteral(p) : `\${${p.field}}`)).join('')}\`, 'utf8')`,
  );
  return parts.length === 1 && parts[0] === 'rawBody' ? 'rawBody' : `Buffer.concat([${parts.join(', ')}])`;
}

function nodeEventName(spec: ProviderSpec): string[] {
  const header = eventHeader(spec);
  if (header) return [`  const eventName = req.get(${js(header)});`];
  if (!spec.eventField) return [];
  const path = spec.eventField.split('.').map((key) => (/^[A-Za-z_$][\w$]*$/.test(key) ? `?.${key}` : `?.[${js(key)}]`));
  return [`  const eventName = payload${path.join('')};`];
}

// ── Python ──────────────────────────────────────────────────────────────────────────────────────

function pythonSnippet(spec: ProviderSpec): string {
  return [
    ...comment('#', spec),
    ...pythonImports(spec, ['os']),
    '',
    'from flask import Flask, abort, request',
    ...pythonVerifier(spec),
    '',
    '',
    'app = Flask(__name__)',
    '',
    '',
    `@app.post(${py(`/webhooks/${spec.id}`)})`,
    'def webhook():',
    '    # get_data() is the raw body: request.json is re-serialised JSON, whose signature never matches.',
    '    if not verify_webhook(request.get_data(), request.headers.get, os.environ.get("WEBHOOK_SECRET", "")):',
    '        abort(400)',
    '    payload = request.get_json(silent=True)',
    ...pythonEventName(spec),
    `    # … handle it, or queue it and answer at once (${spec.name} gives up after ${spec.retry.timeoutMs / 1000} s).`,
    '    return "", 200',
    '',
  ].join('\n');
}

/** Only the modules the verifier uses, sorted as isort would. */
function pythonImports(spec: ProviderSpec, extra: string[] = []): string[] {
  const modules = new Set(['hmac', ...extra]);
  const sig = spec.signature;
  if (sig.kind === 'hmac') {
    modules.add('hashlib');
    if (sig.encoding === 'base64' || sig.secretEncoding !== 'utf8') modules.add('base64');
    if (timestampToleranceSec(spec)) modules.add('time');
  }
  return [...modules].sort().map((m) => `import ${m}`);
}

function pythonVerifier(spec: ProviderSpec): string[] {
  return [
    '',
    '',
    'def safe_equal(a: str, b: str) -> bool:',
    '    # compare_digest over bytes: constant-time, and simply False when the lengths differ.',
    '    return hmac.compare_digest(a.encode(), b.encode())',
    '',
    '',
    'def verify_webhook(raw_body: bytes, header, secret: str) -> bool:',
    `    """True when raw_body (the bytes received) carries a valid ${spec.name} signature; header(name) returns a header or None."""`,
    ...indent(spec.signature.kind === 'hmac' ? pythonHmacBody(spec, spec.signature) : pythonStaticKeyBody(spec.signature.header), '    '),
  ];
}

function pythonStaticKeyBody(header: string): string[] {
  return ['# The key itself travels in the header: it authenticates the sender but does not protect the body.', `return safe_equal(header(${py(header)}) or "", secret)`];
}

function pythonHmacBody(spec: ProviderSpec, sig: HmacSpec): string[] {
  const lines: string[] = [];
  const value = `(header(${py(sig.header)}) or "")`;
  switch (sig.format) {
    case 'plain':
      if (!sig.prefix) {
        lines.push(`signatures = [${value}]`);
        break;
      }
      lines.push(`received = ${value}`, `if not received.startswith(${py(sig.prefix)}):`, '    return False', `signatures = [received[${sig.prefix.length}:]]`);
      break;
    case 'stripe':
      lines.push(
        `pairs = [part.strip().partition("=") for part in ${value}.split(",")]`,
        'timestamp = next((value for key, _, value in pairs if key == "t"), "")',
        'signatures = [value for key, _, value in pairs if key == "v1"]',
      );
      break;
    case 'standard-webhooks':
      lines.push(`signatures = [entry[3:] for entry in ${value}.split(" ") if entry.startswith("v1,")]`);
      break;
  }
  const uses = templateUses(sig.signedPayload);
  if (uses.id) lines.push(`msg_id = header(${py(spec.idHeader ?? 'id')}) or ""`);
  const tolerance = timestampToleranceSec(spec);
  if (sig.format !== 'stripe' && (uses.timestamp || tolerance)) {
    lines.push(spec.timestamp ? `timestamp = header(${py(spec.timestamp.header)}) or ""` : 'timestamp = ""  # the profile names no timestamp header');
  }
  if (tolerance) {
    lines.push(
      `# Reject replays and skewed clocks: the signed timestamp must be within ${tolerance} s of now, either way.`,
      `if not timestamp.isdigit() or abs(time.time() - int(timestamp)) > ${tolerance}:`,
      '    return False',
    );
  }
  lines.push(
    `key = ${pythonKey(sig.secretEncoding)}`,
    `payload = ${pythonPayload(sig.signedPayload)}`,
    `digest = hmac.new(key, payload, hashlib.${sig.algorithm}).digest()`,
    `expected = ${sig.encoding === 'hex' ? 'digest.hex()' : 'base64.b64encode(digest).decode()'}`,
    'return any(safe_equal(signature, expected) for signature in signatures)',
  );
  return lines;
}

function pythonKey(encoding: HmacSpec['secretEncoding']): string {
  switch (encoding) {
    case 'utf8':
      return 'secret.encode()';
    case 'base64':
      return 'base64.b64decode(secret)';
    case 'whsec':
      return 'base64.b64decode(secret.removeprefix("whsec_"))';
  }
}

function pythonPayload(template: string): string {
  const names = { id: 'msg_id', timestamp: 'timestamp' } as const;
  return templateParts(template)
    .map((part) =>
      part === BODY ? 'raw_body' : `f"${part.map((p) => (typeof p === 'string' ? escapePythonFString(p) : `{${names[p.field]}}`)).join('')}".encode()`,
    )
    .join(' + ');
}

function pythonEventName(spec: ProviderSpec): string[] {
  const header = eventHeader(spec);
  if (header) return [`    event_name = request.headers.get(${py(header)})`];
  if (!spec.eventField) return [];
  return [`    event_name = ${spec.eventField.split('.').reduce((expr, key) => `(${expr} or {}).get(${py(key)})`, 'payload')}`];
}

// ── Shared ──────────────────────────────────────────────────────────────────────────────────────

const BODY = Symbol('body');
type TextPart = Array<string | { field: 'id' | 'timestamp' }>;

/** The signed-payload template as runs of text (with id/timestamp fields) separated by the body. */
function templateParts(template: string): Array<TextPart | typeof BODY> {
  const parts: Array<TextPart | typeof BODY> = [];
  let run: TextPart = [];
  const flush = () => {
    if (run.length > 0) parts.push(run);
    run = [];
  };
  const re = /\{(id|timestamp|body)\}/g;
  let last = 0;
  for (let m = re.exec(template); m; m = re.exec(template)) {
    if (m.index > last) run.push(template.slice(last, m.index));
    if (m[1] === 'body') {
      flush();
      parts.push(BODY);
    } else {
      run.push({ field: m[1] as 'id' | 'timestamp' });
    }
    last = m.index + m[0].length;
  }
  if (last < template.length) run.push(template.slice(last));
  flush();
  return parts;
}

function templateUses(template: string): { id: boolean; timestamp: boolean } {
  return { id: template.includes('{id}'), timestamp: template.includes('{timestamp}') };
}

/** The header whose value is the event name (`X-GitHub-Event: {event}`), when the provider has one. */
function comment(marker: string, spec: ProviderSpec): string[] {
  const lines = [`${marker} Verifying ${spec.name} webhook requests (generated by Hookscope from the provider profile).`];
  for (const note of spec.notes.slice(0, 2)) lines.push(`${marker} ${note.replace(/\s+/g, ' ')}`);
  return [...lines, ''];
}

function indent(lines: string[], by = '  '): string[] {
  return lines.map((line) => (line ? `${by}${line}` : line));
}

/** A single-quoted JavaScript string literal. */
function js(text: string): string {
  return `'${text.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
}

/** A double-quoted Python string literal (JSON's escapes are valid Python). */
function py(text: string): string {
  return JSON.stringify(text);
}

function escapeTemplateLiteral(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/`/g, '\\`').replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r');
}

function escapePythonFString(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n').replace(/\r/g, '\\r').replace(/\{/g, '{{').replace(/\}/g, '}}');
}
