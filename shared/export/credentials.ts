// Names that carry credentials by convention, for redaction. Providers and APIs invent their own
// (X-Api-Key, X-Auth-Token, ?token=, Slack's form field `token`, ?hub.verify_token=), so the rules go
// by the shape of the name rather than a list of known ones, and err on the side of hiding too much:
// an Idempotency-Key or ?code= hidden in an export costs little, a live key pasted into a ticket a lot.

/** Header names redacted whatever the provider (lower case), beside the patterns below. */
export const ALWAYS_REDACTED_HEADERS: readonly string[] = ['authorization', 'proxy-authorization', 'cookie', 'set-cookie', 'x-signingkey', 'apikey'];

// `X-Api-Key`, `X-Auth-Token`, `X-Client-Secret`, `X-Hub-Signature-256`, `WWW-Authenticate`, `X-Session-Cookie`…
const CREDENTIAL_HEADER = /(^|[-_])(key|token|secret|password)$|auth|signature|cookie/;

/** Query and form parameter names that carry credentials (lower case), beside the suffixes below. */
const CREDENTIAL_PARAMS = new Set(['token', 'key', 'apikey', 'api_key', 'secret', 'sig', 'signature', 'access_token', 'code', 'password', 'passwd', 'auth']);
// `refresh_token`, `client_secret`, `x-api-key`, `hub.verify_token`, `private_key`…
const CREDENTIAL_PARAM_SUFFIX = /[-_.](token|key|secret|signature|sig|password)$/;

export function isCredentialHeader(name: string): boolean {
  const lower = name.toLowerCase();
  return ALWAYS_REDACTED_HEADERS.includes(lower) || CREDENTIAL_HEADER.test(lower);
}

export function isCredentialParam(name: string): boolean {
  const lower = name.toLowerCase();
  return CREDENTIAL_PARAMS.has(lower) || CREDENTIAL_PARAM_SUFFIX.test(lower);
}

/**
 * A query string or form-urlencoded body with the values of credential parameters replaced; every
 * other byte (order, encoding, separators, valueless parameters) is kept as it was.
 */
export function redactCredentialParams(encoded: string, replacement: string): string {
  return encoded
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      return isCredentialParam(decodeParamName(name)) ? `${name}=${replacement}` : pair;
    })
    .join('&');
}

function decodeParamName(name: string): string {
  try {
    return decodeURIComponent(name.replace(/\+/g, ' '));
  } catch {
    return name; // a malformed escape: judge the name as written
  }
}
