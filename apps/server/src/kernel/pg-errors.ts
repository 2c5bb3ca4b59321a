// Maps PostgreSQL constraint violations (raised by either driver, possibly wrapped by Drizzle)
// to the AppError a client should see.
import { AppError, type ErrorCode } from './errors.ts';

interface PgErrorLike {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  cause?: unknown;
}

export function pgError(err: unknown): { code: string; constraint: string | undefined } | null {
  let e = err as PgErrorLike | undefined;
  for (let depth = 0; e && depth < 4; depth++) {
    if (typeof e.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code)) {
      return { code: e.code, constraint: e.constraint ?? e.constraint_name };
    }
    e = e.cause as PgErrorLike | undefined;
  }
  return null;
}

/** Rethrows a unique or foreign-key violation as the matching AppError; anything else as is. */
export function mapConstraintError(
  err: unknown,
  map: Record<string, { code: ErrorCode; field?: string }>,
): never {
  const pg = pgError(err);
  if (pg?.constraint && map[pg.constraint]) {
    const { code, field } = map[pg.constraint]!;
    throw new AppError(code, field ? { field, cause: err } : { cause: err });
  }
  if (pg?.code === '23503') throw new AppError('NOT_FOUND', { cause: err });
  throw err;
}
