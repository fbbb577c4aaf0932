import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../../support/cli.js';

// shared/diff and shared/export run in the renderer too: no Node built-ins, no Buffer.
describe.each(['shared/diff', 'shared/export'])('%s', (dir) => {
  const files = fs.readdirSync(path.join(ROOT, dir)).filter((f) => f.endsWith('.ts'));

  it.each(files)('%s imports no Node built-in and uses no Buffer', (file) => {
    const source = fs.readFileSync(path.join(ROOT, dir, file), 'utf8');
    expect(source).not.toMatch(/from ['"](node:|fs|path|crypto|http)/);
    expect(source).not.toMatch(/\bBuffer\s*[.(]/);
  });
});
