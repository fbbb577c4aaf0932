import { describe, expect, it } from 'vitest';
import { curlCommand, shellQuote } from '../../../../shared/export/curl.js';
import { delivery } from './fixtures.js';

const opts = { dropHeaders: new Set(['host', 'content-length', 'connection']), urlOf: () => 'http://localhost:3000/hooks' };

describe('cURL export', () => {
  it('quotes single quotes so the shell passes them through literally', () => {
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });

  it('sends a text body through printf on stdin with --data-binary @-', () => {
    const cmd = curlCommand(delivery(Buffer.from(`{"note":"it's $HOME \`x\`"}`), [{ name: 'Content-Type', value: 'application/json' }]), opts);
    expect(cmd.startsWith(`printf '%s' '{"note":"it'\\''s $HOME \`x\`"}' | curl -sS -X 'POST' 'http://localhost:3000/hooks'`)).toBe(true);
    expect(cmd).toContain('--data-binary @-');
  });

  it('sends a binary body as base64 decoded on the way in', () => {
    const bytes = Buffer.from([0x00, 0xff, 0x10]);
    expect(curlCommand(delivery(bytes, []), opts).startsWith(`printf '%s' '${bytes.toString('base64')}' | base64 -d | curl`)).toBe(true);
  });

  it('leaves out the headers curl sets itself and switches off its defaults the capture did not have', () => {
    const cmd = curlCommand(delivery(Buffer.from('x'), [{ name: 'Host', value: 'h' }, { name: 'Content-Length', value: '1' }]), opts);
    expect(cmd).not.toMatch(/-H 'Host/);
    expect(cmd).not.toMatch(/-H 'Content-Length/);
    for (const name of ['Accept', 'User-Agent', 'Content-Type', 'Expect']) expect(cmd).toContain(`-H '${name}:'`);
  });

  it('sends a header with an empty value in the form curl keeps', () => {
    expect(curlCommand(delivery(Buffer.from('x'), [{ name: 'X-Empty', value: '' }]), opts)).toContain(`-H 'X-Empty;'`);
  });
});
