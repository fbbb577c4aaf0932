// The core's errors in the UI's words. The core speaks to every caller (the CLI's flags, the API's
// method and field names); a form shows what went wrong next to the field at fault, with the UI's
// own words, and offers what the UI can do about it (allow a refused host) instead of a flag to pass.
import { ApiError } from '../../shared/api/errors.js';

export interface UiErrors {
  /** What to show under the form (null when every issue sits next to its field). */
  general: ApiError | null;
  /** The message for each form field at fault, by the form's field key. */
  fields: Record<string, string>;
  /** A non-loopback host the target was refused for: the form can offer to allow it. */
  refusedHost: string | null;
}

/** CLI flags and tool names in core messages, as the UI names the same things. */
const UI_WORDS: Array<[RegExp, string]> = [
  [/--to "([^"]*)"/g, 'the target "$1"'],
  [/--to must/g, 'the target must'],
  [/ \(--data\)/g, ' (the payload)'],
  [/--retry-every-ms/g, '"Retry every"'],
  [/`hookscope serve`/g, 'Hookscope'],
  [/--[a-z][a-z-]+/g, 'that option'],
];

const REFUSED_HOST = / unless you pass --allow-host (\S+)$/;
/** `invalid endpoints.create: …`: the method's name means nothing to the person filling a form. */
const METHOD_PREFIX = /^invalid [a-z]+(?:\.[A-Za-z]+)+: /;

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function inUiWords(message: string): string {
  let out = message.replace(REFUSED_HOST, '');
  for (const [pattern, words] of UI_WORDS) out = out.replace(pattern, words);
  return capitalise(out);
}

/**
 * Splits an API error over a form: `fieldOf` maps an API field path (`response.status`, `to`) to the
 * form's field key, or undefined for one the form does not show; `messageField` places an error that
 * names no field (a conflict on the path, a refused target) by its code and message.
 */
export function speakUi(
  error: ApiError | null,
  fieldOf: (apiPath: string) => string | undefined,
  messageField: (error: ApiError) => string | undefined = () => undefined,
): UiErrors {
  if (!error) return { general: null, fields: {}, refusedHost: null };
  const refusedHost = REFUSED_HOST.exec(error.message)?.[1] ?? null;
  const fields: Record<string, string> = {};
  if (error.issues?.length && METHOD_PREFIX.test(error.message)) {
    const left: string[] = [];
    for (const issue of error.issues) {
      const colon = issue.indexOf(': ');
      const field = colon > 0 ? fieldOf(issue.slice(0, colon)) : undefined;
      if (field && !fields[field]) fields[field] = capitalise(issue.slice(colon + 2));
      else left.push(inUiWords(field ? issue.slice(colon + 2) : issue));
    }
    const general = left.length ? new ApiError(error.code, left.join('; '), left.length > 1 ? left : undefined) : null;
    return { general, fields, refusedHost };
  }
  const message = inUiWords(error.message.replace(METHOD_PREFIX, ''));
  const field = messageField(error);
  if (field) return { general: null, fields: { [field]: message }, refusedHost };
  return { general: new ApiError(error.code, message), fields, refusedHost };
}
