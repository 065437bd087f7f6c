/**
 * Error-handling convention of the act-as pipeline (request → plan → query → execute → response):
 *
 * - Every stage RETURNS `Result<T, PgrstError>`; it never throws a JS error out of its entry point.
 * - Inside a stage, code may `throw` a `PgrstError` as local control flow (e.g. deep in a parser) as long as the
 *   stage's entry point catches it with `attempt()` and turns it into `err(...)`. Any other thrown value is a bug.
 * - The executor turns an `err` into PostgREST's error response (status, JSON body, headers).
 *
 * @example
 *   const r = parseApiRequest(input, config);
 *   if (!r.ok) return errorResponse(r.error);
 *   use(r.value);
 */
import { PgrstError } from './pgrst-error.js';

export type Ok<T> = { readonly ok: true; readonly value: T };
export type Err<E> = { readonly ok: false; readonly error: E };
export type Result<T, E = PgrstError> = Ok<T> | Err<E>;

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value };
}

export function err<E = PgrstError>(error: E): Err<E> {
  return { ok: false, error };
}

/** Runs `fn`; a thrown PgrstError becomes `err`, anything else is rethrown (it is a bug, not a request error). */
export function attempt<T>(fn: () => T): Result<T> {
  try {
    return ok(fn());
  } catch (e) {
    if (e instanceof PgrstError) return err(e);
    throw e;
  }
}

/** Returns the value or throws the PgrstError (for use inside a stage that is wrapped by `attempt`). */
export function unwrap<T>(r: Result<T>): T {
  if (r.ok) return r.value;
  throw r.error;
}

/** Maps the value of an ok result. */
export function mapResult<T, U, E>(r: Result<T, E>, f: (v: T) => U): Result<U, E> {
  return r.ok ? ok(f(r.value)) : r;
}
