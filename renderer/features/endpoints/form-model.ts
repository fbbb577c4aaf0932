// The endpoint form's fields as strings (what inputs hold) and their translation to the API's input.
// The API validates; this only turns empty fields into "not set" and numbers into numbers.
import type { Endpoint } from '../../../shared/domain.js';
import type { EndpointInput } from '../../state/endpoints.js';

export interface EndpointFormValues {
  path: string;
  provider: string;
  secret: string;
  status: string;
  body: string;
  delayMs: string;
  forwardTo: string;
}

export const EMPTY_FORM: EndpointFormValues = { path: '/hooks/', provider: '', secret: '', status: '200', body: '', delayMs: '0', forwardTo: '' };

export function formFromEndpoint(e: Endpoint): EndpointFormValues {
  return {
    path: e.path,
    provider: e.provider ?? '',
    secret: e.secret ?? '',
    status: String(e.response.status),
    body: e.response.body,
    delayMs: String(e.response.delayMs),
    forwardTo: e.forwardTo ?? '',
  };
}

const toInt = (text: string, fallback: number) => (text.trim() === '' ? fallback : Number(text));

export function inputFromForm(v: EndpointFormValues): EndpointInput {
  return {
    path: v.path.trim(),
    provider: v.provider || null,
    secret: v.secret === '' ? null : v.secret,
    response: { status: toInt(v.status, 200), body: v.body, delayMs: toInt(v.delayMs, 0) },
    forwardTo: v.forwardTo.trim() || null,
  };
}

/** The URL to give the provider for this endpoint. */
export function endpointUrl(receiverUrl: string, path: string): string {
  return receiverUrl.replace(/\/$/, '') + (path.startsWith('/') ? path : `/${path}`);
}
