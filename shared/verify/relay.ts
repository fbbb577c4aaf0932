// Relay-aware diagnosis: a capture that came through a relay (smee.io) carries the relay's header, and
// its body is the relay's JSON.stringify of the parsed body, not the bytes the provider signed. When
// its signature does not match, re-serialise the body the common ways a provider formats JSON; if one
// of them verifies, the relay changed the body, and no handler can verify it: say so, name the relay,
// and point to a tunnel, which passes the exact bytes. The doctor's own re-serialisation hints blame
// the user's handler, which would be wrong here, so they are replaced.
import type { Verification } from '../domain.js';
import { headerValue } from '../headers.js';
import type { ProviderSpec } from '../providers/spec.js';
import { RELAY_HEADER } from '../relay/smee.js';
import { verifyRequest, type VerifiableRequest, type VerifyOptions } from './verify.js';

const TUNNEL_ADVICE = 'use a tunnel instead (hookscope serve --tunnel cloudflared or --tunnel ngrok), which passes the exact bytes';
const RESERIALISED_HINT = /^The signature was computed over (re-serialised|JSON re-serialised|pretty-printed)/;

/** The ways providers commonly format JSON, as a name and a formatter. */
const FORMATS: Array<[string, (value: unknown) => string]> = [
  ['pretty-printed with 2 spaces', (v) => JSON.stringify(v, null, 2)],
  ['pretty-printed with 4 spaces', (v) => JSON.stringify(v, null, 4)],
  ['pretty-printed with tabs', (v) => JSON.stringify(v, null, '\t')],
  ['formatted with a space after each comma and colon (Python json.dumps)', (v) => JSON.stringify(v, null, 1).replace(/\n */g, ' ').replace(/([[{]) /g, '$1').replace(/ ([\]}])/g, '$1')],
  ['pretty-printed with 2 spaces and a final newline', (v) => `${JSON.stringify(v, null, 2)}\n`],
  ['compact with a final newline', (v) => `${JSON.stringify(v)}\n`],
];

export function relayAware(spec: ProviderSpec, req: VerifiableRequest, opts: VerifyOptions, verification: Verification): Verification {
  if (verification.status !== 'invalid') return verification;
  const relay = headerValue(req.headers, RELAY_HEADER);
  if (!relay) return verification;
  const name = relay.trim();
  const otherHints = verification.hints.filter((h) => !RESERIALISED_HINT.test(h));
  let parsed: unknown;
  try {
    parsed = JSON.parse(req.body.toString('utf8'));
  } catch {
    return { ...verification, hints: [`This delivery came through the relay ${name}, which rebuilds the body it forwards: ${TUNNEL_ADVICE}.`, ...otherHints] };
  }
  for (const [format, formatter] of FORMATS) {
    let candidate: string;
    try {
      candidate = formatter(parsed);
    } catch {
      break; // nested too deeply to re-serialise: no format can be tried
    }
    const body = Buffer.from(candidate, 'utf8');
    if (body.equals(req.body)) continue;
    if (verifyRequest(spec, { ...req, body }, opts).status !== 'valid') continue;
    return {
      ...verification,
      reason: `${verification.reason} The relay changed the body.`,
      hints: [
        `The relay ${name} changed the body: the provider signed its JSON ${format}, and the relay delivered JSON.stringify of the parsed body, so the signature cannot match these bytes; the secret is right. To verify signatures, ${TUNNEL_ADVICE}.`,
        ...otherHints.filter((h) => !h.startsWith('No common mistake')),
      ],
    };
  }
  return {
    ...verification,
    hints: [`This delivery came through the relay ${name}, which delivers JSON.stringify of the parsed body rather than the bytes the provider signed: if the secret is right, the relay changed the body; to check, ${TUNNEL_ADVICE}.`, ...otherHints],
  };
}
