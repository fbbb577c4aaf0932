// Whatever a transport fails with becomes an ApiError with a code, so views show one kind of error.
import { ApiError, ERROR_CODES, apiErrorBodySchema, type ErrorCode } from '../../shared/api/errors.js';

export function asApiError(err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const body = apiErrorBodySchema.safeParse(err);
  if (body.success) return ApiError.fromBody(body.data);
  if (isCodedObject(err)) return new ApiError(err.code, err.message, err.issues);
  const message = err instanceof Error ? err.message : String(err);
  return new ApiError('internal', message);
}

function isCodedObject(err: unknown): err is { code: ErrorCode; message: string; issues?: string[] } {
  if (typeof err !== 'object' || err === null) return false;
  const { code, message } = err as { code?: unknown; message?: unknown };
  return typeof message === 'string' && (ERROR_CODES as readonly unknown[]).includes(code);
}
