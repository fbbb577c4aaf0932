// Settings kept in the database (issue #15), as opposed to a run's settings (`settings.get`): what
// each key means, how its value is written, and how it is read. The CLI (`hookscope settings`), the
// API and the UI all validate through these, so a value one of them accepts, all of them do.
import { parseByteSize, parseDuration } from './units.js';

export const SETTING_KEYS = ['retention.keep', 'retention.maxAge', 'retention.maxBytes', 'tunnel.engine', 'tunnel.ngrokAuthtoken'] as const;
export type SettingKey = (typeof SETTING_KEYS)[number];

/** Engines that give the receiver a public URL (issue #21): `serve --tunnel`, or the tunnel.engine setting. */
export const TUNNEL_ENGINES = ['ngrok', 'cloudflared'] as const;
export type TunnelEngine = (typeof TUNNEL_ENGINES)[number];
/** The tunnel.engine setting's values: an engine, or none. */
export const TUNNEL_CHOICES = ['none', ...TUNNEL_ENGINES] as const;
export type TunnelChoice = (typeof TUNNEL_CHOICES)[number];

interface SettingSpec {
  description: string;
  /** An example the messages show. */
  example: string;
  /** Stored sealed like endpoint secrets and only ever shown masked (the ngrok authtoken). */
  secret?: boolean;
  /** The value as stored and shown, or an error message naming what is expected. */
  normalize(text: string): { value: string } | { error: string };
}

const wholeNumber = (text: string) => (/^\d+$/.test(text.trim()) && Number.isSafeInteger(Number(text)) ? Number(text) : null);

export const SETTINGS: Record<SettingKey, SettingSpec> = {
  'retention.keep': {
    description: 'keep at most this many deliveries; older ones are removed',
    example: '100000',
    normalize: (text) => {
      const n = wholeNumber(text);
      return n === null ? { error: 'retention.keep must be a whole number of deliveries, e.g. 100000' } : { value: String(n) };
    },
  },
  'retention.maxAge': {
    description: 'remove deliveries older than this (s, m, h, d, w)',
    example: '30d',
    normalize: (text) => {
      const ms = parseDuration(text);
      if (ms === null || ms < 1_000) return { error: 'retention.maxAge must be a duration such as 30d, 12h or 90m' };
      return { value: text.trim().toLowerCase() };
    },
  },
  'retention.maxBytes': {
    description: 'remove the oldest deliveries while the database is larger than this',
    example: '2GB',
    normalize: (text) => {
      const bytes = parseByteSize(text);
      if (bytes === null || bytes < 1024 * 1024) return { error: 'retention.maxBytes must be a size of at least 1MB, such as 500MB or 2GB' };
      return { value: text.trim().toUpperCase().replace(/\s+/g, '') };
    },
  },
  'tunnel.engine': {
    description: 'give the receiver a public URL through ngrok or cloudflared while Hookscope runs (serve --tunnel overrides it for one run)',
    example: 'cloudflared',
    normalize: (text) => {
      const choice = text.trim().toLowerCase();
      return (TUNNEL_CHOICES as readonly string[]).includes(choice) ? { value: choice } : { error: `tunnel.engine must be ${TUNNEL_CHOICES.join(', ')}` };
    },
  },
  'tunnel.ngrokAuthtoken': {
    description: "ngrok's authtoken (NGROK_AUTHTOKEN wins when set); stored encrypted, shown masked",
    example: '2abcDEF…',
    secret: true,
    normalize: (text) => {
      const token = text.trim();
      // No echo of the value in the message: it is a credential.
      if (!/^[A-Za-z0-9_\-.]{8,256}$/.test(token)) return { error: 'tunnel.ngrokAuthtoken must be the authtoken from https://dashboard.ngrok.com/get-started/your-authtoken (letters, digits, _ and -)' };
      return { value: token };
    },
  },
};

export function isSettingKey(key: string): key is SettingKey {
  return (SETTING_KEYS as readonly string[]).includes(key);
}

/** The retention rules stored values ask for (absent: that rule is off). Keep everything by default. */
export interface RetentionRules {
  keep?: number;
  maxAgeMs?: number;
  maxBytes?: number;
}

/** The settings retentionRules reads. */
export const RETENTION_KEYS = ['retention.keep', 'retention.maxAge', 'retention.maxBytes'] as const satisfies readonly SettingKey[];

export function retentionRules(values: Partial<Record<(typeof RETENTION_KEYS)[number], string>>): RetentionRules {
  const rules: RetentionRules = {};
  const keep = values['retention.keep'];
  const maxAge = values['retention.maxAge'];
  const maxBytes = values['retention.maxBytes'];
  if (keep !== undefined) rules.keep = Number(keep);
  if (maxAge !== undefined) rules.maxAgeMs = parseDuration(maxAge) ?? undefined;
  if (maxBytes !== undefined) rules.maxBytes = parseByteSize(maxBytes) ?? undefined;
  return rules;
}

/** The UI warns past this database size while no retention rule is set (the default keeps everything). */
export const LARGE_DATABASE_BYTES = 1024 ** 3;
