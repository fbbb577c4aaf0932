// Errors are values with codes that cross every transport the same way; no stack traces to the UI.
import * as z from 'zod';
import { lazySchema } from '../lazy-schema.js';

export const ERROR_CODES = [
  'bad-input',
  'not-found',
  'conflict',
  'unauthorized',
  'forbidden',
  'refused-target',
  'unavailable',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const apiErrorBodySchema = lazySchema(() => z.object({
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string(), issues: z.array(z.string()).optional() }),
}));
export type ApiErrorBody = z.infer<typeof apiErrorBodySchema>;

export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly issues?: string[],
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toBody(): ApiErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) } };
  }

  static fromBody(body: ApiErrorBody): ApiError {
    return new ApiError(body.error.code, body.error.message, body.error.issues);
  }
}

/** A zod failure as a bad-input error whose issues name each field ("limit: too big"). */
export function fromZodError(err: z.ZodError, what = 'input'): ApiError {
  const issues = err.issues.map((i) => `${i.path.length ? i.path.join('.') : what}: ${i.message}`);
  return new ApiError('bad-input', `invalid ${what}: ${issues.join('; ')}`, issues);
}

export const HTTP_STATUS_OF: Record<ErrorCode, number> = {
  'bad-input': 400,
  'not-found': 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  'refused-target': 422,
  unavailable: 503,
  internal: 500,
};
