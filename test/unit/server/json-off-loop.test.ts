// Parsing API call bodies off the event loop (electron/server/json-off-loop.ts): what comes back from
// the worker is the same value JSON.parse gives, and a body the worker cannot or may not hand back is
// refused with a clear message instead of taking the process down.
import { afterEach, describe, expect, it } from 'vitest';
import { createJsonParser, JsonBodyError, type JsonParser } from '../../../electron/server/json-off-loop.js';

let parser: JsonParser | null = null;
afterEach(async () => {
  await parser?.close();
  parser = null;
});

const bytes = (text: string) => Buffer.from(text, 'utf8');

describe('the JSON parser for API calls', () => {
  it('gives the value JSON.parse gives, in place and on the worker alike', async () => {
    const text = JSON.stringify({ ids: [1, 2, 3], body: 'é'.repeat(1000), nested: { a: [null, true, 1.5] } });
    parser = createJsonParser({ inPlaceBytes: 0 });
    expect(await parser.parse(bytes(text))).toEqual(JSON.parse(text));
    expect(await createJsonParser().parse(bytes(text))).toEqual(JSON.parse(text));
  });

  it('reads an empty body as an empty object', async () => {
    parser = createJsonParser({ inPlaceBytes: 0 });
    expect(await parser.parse(bytes('  '))).toEqual({});
  });

  it('refuses invalid JSON and too many values with a clear error', async () => {
    parser = createJsonParser({ inPlaceBytes: 0, maxValues: 10 });
    await expect(parser.parse(bytes('{"a":'))).rejects.toEqual(new JsonBodyError('request body is not valid JSON'));
    await expect(parser.parse(bytes(JSON.stringify(Array.from({ length: 10 }, () => 0))))).rejects.toEqual(
      new JsonBodyError('request body holds more than 10 JSON values, more than any API call accepts'),
    );
    expect(await parser.parse(bytes('[0,0,0]'))).toEqual([0, 0, 0]);
  });

  it('refuses a body that outgrows the worker\'s heap, and parses the next one on a fresh worker', async () => {
    parser = createJsonParser({ inPlaceBytes: 0, maxValues: Number.MAX_SAFE_INTEGER, workerHeapMb: 16 });
    const huge = `[${'{"a":[1,2]},'.repeat(2_000_000)}0]`;
    await expect(parser.parse(bytes(huge))).rejects.toEqual(new JsonBodyError('request body takes more memory to parse than any API call may'));
    expect(await parser.parse(bytes('{"ok":true}'))).toEqual({ ok: true });
  }, 60_000);
});
