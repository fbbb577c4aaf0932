// Slack (Events API and interactivity requests): `X-Slack-Signature: v0=<hex HMAC-SHA256>` over
// "v0:{timestamp}:{body}", with `X-Slack-Request-Timestamp` (unix seconds) that must be within 5
// minutes of now. Keyed with the app's signing secret as text. Slack retries 3 times.
import type { ProviderSpecInput } from '../spec.js';

const MIN = 60_000;
const eventTime = 1774008000; // 2026-03-20T12:00:00Z

function callback(eventId: string, event: Record<string, unknown>) {
  return {
    token: 'XXYYZZ',
    team_id: 'T0123ABCD',
    api_app_id: 'A0456EFGH',
    event,
    type: 'event_callback',
    event_id: eventId,
    event_time: eventTime,
    authorizations: [{ enterprise_id: null, team_id: 'T0123ABCD', user_id: 'U0789BOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
    event_context: '4-eyJldCI6ImFwcF9tZW50aW9uIiwidGlkIjoiVDAxMjNBQkNEIn0',
  };
}

export const slack: ProviderSpecInput = {
  id: 'slack',
  name: 'Slack',
  docsUrl: 'https://api.slack.com/authentication/verifying-requests-from-slack',
  signature: {
    kind: 'hmac',
    header: 'X-Slack-Signature',
    algorithm: 'sha256',
    encoding: 'hex',
    prefix: 'v0=',
    signedPayload: 'v0:{timestamp}:{body}',
    secretEncoding: 'utf8',
  },
  timestamp: { header: 'X-Slack-Request-Timestamp', toleranceSec: 300 },
  detectHeaders: ['X-Slack-Signature'],
  staticHeaders: { 'User-Agent': 'Slackbot 1.0 (+https://api.slack.com/robots)' },
  // Events arrive in an `event_callback` envelope: the event's own type is inside it.
  eventField: 'event.type',
  events: [
    {
      name: 'url_verification',
      description: 'Sent once when the Request URL is set: answer with the challenge',
      sample: { token: 'XXYYZZ', challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P', type: 'url_verification' },
    },
    {
      name: 'app_mention',
      description: 'The app was @-mentioned in a channel',
      sample: callback('Ev0PV52K21', { type: 'app_mention', user: 'U061F7AUR', text: '<@U0789BOT> what is the status of order 6735?', ts: '1774008000.000200', channel: 'C0LAN2Q65', event_ts: '1774008000.000200' }),
    },
    {
      name: 'message.channels',
      description: 'A message was posted in a public channel the app is in',
      sample: callback('Ev0PV52K22', { type: 'message', channel: 'C0LAN2Q65', user: 'U061F7AUR', text: 'Deploy finished :rocket:', ts: '1774008060.000300', event_ts: '1774008060.000300', channel_type: 'channel' }),
    },
    {
      name: 'reaction_added',
      description: 'A reaction was added to a message',
      sample: callback('Ev0PV52K23', { type: 'reaction_added', user: 'U061F7AUR', reaction: 'thumbsup', item_user: 'U0G9QF9C6', item: { type: 'message', channel: 'C0LAN2Q65', ts: '1774008060.000300' }, event_ts: '1774008120.000400' }),
    },
    {
      name: 'member_joined_channel',
      description: 'A user joined a channel',
      sample: callback('Ev0PV52K24', { type: 'member_joined_channel', user: 'W06GH7XHN', channel: 'C0698JE0H', channel_type: 'C', team: 'T0123ABCD', event_ts: '1774008180.000500' }),
    },
  ],
  retry: {
    timeoutMs: 3_000,
    success: 'any-2xx',
    retryDelaysMs: [0, 1 * MIN, 5 * MIN],
    finalState: 'failed',
    notes: [
      'Slack retries a failed event 3 times: nearly immediately, after 1 minute and after 5 minutes (4 attempts in all). Slack does not say whether the waits count from the first attempt or the previous one: Hookscope counts from the previous one.',
      'An answer slower than 3 seconds is a failure, and the retry comes without waiting for it: answer first, work afterwards.',
      'Retries carry X-Slack-Retry-Num and X-Slack-Retry-Reason; answering with X-Slack-No-Retry: 1 stops them. When fewer than 5% of an app\'s deliveries succeed over 60 minutes, Slack disables its event subscriptions.',
    ],
  },
  notes: [
    'X-Slack-Signature is "v0=" + hex HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<raw body>", keyed with the app\'s signing secret (not the bot token, not the deprecated verification token).',
    'Reject a timestamp more than 5 minutes from now. Slash commands and interactivity are form-encoded: sign the raw body before any parsing.',
  ],
};
