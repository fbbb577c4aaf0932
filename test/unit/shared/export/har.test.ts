import { describe, expect, it } from 'vitest';
import { exportDeliveries, type ExportOptions } from '../../../../shared/export/index.js';
import { delivery, HEADERS } from './fixtures.js';
import { harSchema } from './har-schema.js';

const OPTIONS: ExportOptions = { version: '0.1.0', redaction: null, transportHeaders: new Set(['host', 'content-length']) };
const har = (...items: Parameters<typeof delivery>[]) => JSON.parse(exportDeliveries(items.map((args) => delivery(...args)), 'har', OPTIONS).content) as unknown;

describe('HAR export', () => {
  it('parses against the HAR 1.2 shape', () => {
    const parsed = harSchema.safeParse(har([Buffer.from('{"event":"x"}'), HEADERS], [Buffer.alloc(0), [], { method: 'GET', responseStatus: null }]));
    expect(parsed.error?.issues ?? []).toEqual([]);
    expect(parsed.data!.log.entries).toHaveLength(2);
  });

  it('keeps the request headers in order and case, with the URL the capture was addressed to', () => {
    const { log } = harSchema.parse(har([Buffer.from('{}'), HEADERS]));
    const request = log.entries[0]!.request;
    expect(request.headers).toEqual(HEADERS);
    expect(request.url).toBe('http://127.0.0.1:4747/hooks/agile?attempt=1&note=a%20b');
    expect(request.queryString).toEqual([{ name: 'attempt', value: '1' }, { name: 'note', value: 'a b' }]);
    expect(request.cookies).toEqual([{ name: 'session', value: 'xyz' }, { name: 'theme', value: 'dark' }]);
    expect(request.postData).toEqual({ mimeType: 'application/json', text: '{}' });
  });

  it('carries a binary body as base64, marked with _encoding', () => {
    const bytes = Buffer.from([0xff, 0xfe, 0x00, 0x80]);
    const entry = (har([bytes, [{ name: 'Content-Type', value: 'application/octet-stream' }]]) as { log: { entries: Array<{ request: { postData: unknown } }> } }).log.entries[0]!;
    expect(entry.request.postData).toEqual({ mimeType: 'application/octet-stream', text: bytes.toString('base64'), _encoding: 'base64' });
  });

  it("records Hookscope's answer status as the response", () => {
    expect(harSchema.parse(har([Buffer.from('{}'), HEADERS])).log.entries[0]!.response.status).toBe(202);
  });
});
