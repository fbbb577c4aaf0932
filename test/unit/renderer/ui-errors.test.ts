// The core's errors in the UI's words: field issues beside their fields, no CLI flags, no method names.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api/errors.js';
import { inUiWords, speakUi } from '../../../renderer/lib/ui-errors.js';

const ENDPOINT_FIELDS: Record<string, string> = { path: 'path', 'response.status': 'status', forwardTo: 'forwardTo' };
const endpointField = (p: string) => ENDPOINT_FIELDS[p];

describe('speakUi', () => {
  it('puts each field issue beside its field and drops the API method name', () => {
    const error = new ApiError('bad-input', 'invalid endpoints.create: path: must be a URL path such as /hooks/stripe; response.status: Too big', [
      'path: must be a URL path such as /hooks/stripe',
      'response.status: Too big',
    ]);
    const ui = speakUi(error, endpointField);
    expect(ui.fields).toEqual({ path: 'Must be a URL path such as /hooks/stripe', status: 'Too big' });
    expect(ui.general).toBeNull();
  });

  it('keeps issues about fields the form does not show under the form, without the method name', () => {
    const error = new ApiError('bad-input', 'invalid endpoints.create: headers.0.name: bad; path: bad too', ['headers.0.name: bad', 'path: bad too']);
    const ui = speakUi(error, endpointField);
    expect(ui.fields).toEqual({ path: 'Bad too' });
    expect(ui.general?.message).toBe('Headers.0.name: bad');
    expect(ui.general?.message).not.toContain('endpoints.create');
  });

  it('turns a refused non-loopback target into an offer: the host to allow, no --allow-host', () => {
    const error = new ApiError(
      'refused-target',
      'refusing to send to example.com: only loopback targets (localhost, 127.0.0.0/8, ::1) are allowed unless you pass --allow-host example.com',
    );
    const ui = speakUi(error, () => undefined);
    expect(ui.refusedHost).toBe('example.com');
    expect(ui.general?.message).toBe('Refusing to send to example.com: only loopback targets (localhost, 127.0.0.0/8, ::1) are allowed');
    expect(ui.general?.message).not.toContain('--');
  });

  it('places an error that names no field where the form says it belongs', () => {
    const ui = speakUi(new ApiError('conflict', 'an endpoint with path /hooks/a exists'), endpointField, (e) => (e.code === 'conflict' ? 'path' : undefined));
    expect(ui).toEqual({ general: null, fields: { path: 'An endpoint with path /hooks/a exists' }, refusedHost: null });
  });

  it('gives nothing for no error', () => {
    expect(speakUi(null, endpointField)).toEqual({ general: null, fields: {}, refusedHost: null });
  });
});

describe('inUiWords', () => {
  it('names the form\'s fields instead of CLI flags', () => {
    expect(inUiWords('--to "x" is not a valid URL (expected e.g. http://localhost:3000/webhooks)')).toBe('The target "x" is not a valid URL (expected e.g. http://localhost:3000/webhooks)');
    expect(inUiWords('--retry-every-ms applies only to providers that retry indefinitely')).toBe('"Retry every" applies only to providers that retry indefinitely');
    expect(inUiWords('it stays scheduled and `hookscope serve` resumes it')).not.toContain('hookscope serve');
    expect(inUiWords('use --some-new-flag here')).not.toMatch(/--/);
  });
});
