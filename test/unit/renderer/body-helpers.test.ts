// Pure helpers of the body views: which bodies may be previewed as images (raster only, declared and
// with the format's signature), file names for downloads, and parameters as a server decodes them.
import { describe, expect, it } from 'vitest';
import { extensionFor, previewableImage } from '../../../renderer/lib/body-kind.js';
import { formParams, queryParams } from '../../../renderer/lib/params.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const ascii = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('previewableImage', () => {
  it.each([
    ['image/png', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0), 'image/png'],
    ['image/jpeg; charset=binary', bytes(0xff, 0xd8, 0xff, 0xe0), 'image/jpeg'],
    ['image/gif', ascii('GIF89a...'), 'image/gif'],
    ['image/webp', ascii('RIFF\0\0\0\0WEBPVP8 '), 'image/webp'],
  ])('previews %s with its signature', (type, body, expected) => {
    expect(previewableImage(type, body)).toBe(expected);
  });

  it.each([
    ['an SVG, even a harmless one', 'image/svg+xml', ascii('<svg xmlns="http://www.w3.org/2000/svg"/>')],
    ['a PNG type over bytes that are not a PNG', 'image/png', ascii('<html><script>')],
    ['PNG bytes without an image type', 'application/octet-stream', bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)],
    ['no type at all', null, bytes(0xff, 0xd8, 0xff)],
  ])('does not preview %s', (_what, type, body) => {
    expect(previewableImage(type, body)).toBeNull();
  });
});

describe('extensionFor', () => {
  it.each([
    ['application/json; charset=utf-8', 'json'],
    ['application/vnd.api+json', 'json'],
    ['text/xml', 'xml'],
    ['image/png', 'png'],
    ['application/octet-stream', 'bin'],
    [null, 'bin'],
  ])('%s → .%s', (type, ext) => {
    expect(extensionFor(type)).toBe(ext);
  });
});

describe('parameters', () => {
  it('decodes the query as a server does, in order, duplicates kept', () => {
    expect(queryParams('a=1&b=x+y&a=%C3%A9&bad=%zz&flag')).toEqual([
      { name: 'a', value: '1' },
      { name: 'b', value: 'x y' },
      { name: 'a', value: 'é' },
      { name: 'bad', value: '%zz' },
      { name: 'flag', value: '' },
    ]);
  });

  it('reads form fields only from a urlencoded body', () => {
    expect(formParams('application/x-www-form-urlencoded; charset=utf-8', 'token=t&text=hi+there\n')).toEqual([
      { name: 'token', value: 't' },
      { name: 'text', value: 'hi there' },
    ]);
    expect(formParams('application/json', '{"a":1}')).toBeNull();
    expect(formParams('application/x-www-form-urlencoded', null)).toBeNull();
  });
});
