/**
 * The error value every act-as stage produces: exactly what PostgREST sends back for a failed request —
 * HTTP status, the JSON body `{code, message, details, hint}` and extra headers (e.g. WWW-Authenticate).
 * `details`/`hint` are JSON values: usually a string or null, but PGRST201 sends an array of objects as details.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type PgrstErrorBody = {
  code: string;
  message: string;
  details: Json;
  hint: Json;
};

export type PgrstErrorInit = {
  status: number;
  code: string;
  message: string;
  details?: Json;
  hint?: Json;
  /** Extra response headers, names as PostgREST writes them (e.g. `WWW-Authenticate`). */
  headers?: Record<string, string>;
  /** HTTP reason phrase when PostgREST sets a custom one (RAISE SQLSTATE 'PGRST' with status_text, PTxyz). */
  statusText?: string;
};

export class PgrstError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Json;
  readonly hint: Json;
  readonly headers: Readonly<Record<string, string>>;
  readonly statusText: string | null;

  constructor(init: PgrstErrorInit) {
    super(init.message);
    this.name = 'PgrstError';
    this.status = init.status;
    this.code = init.code;
    this.details = init.details ?? null;
    this.hint = init.hint ?? null;
    this.headers = init.headers ?? {};
    this.statusText = init.statusText ?? null;
  }

  /** The JSON body PostgREST sends (client-error-verbosity = verbose). */
  toBody(): PgrstErrorBody {
    return { code: this.code, message: this.message, details: this.details, hint: this.hint };
  }

  /** Body for client-error-verbosity = minimal. */
  toMinimalBody(): { code: string; message: string } {
    return { code: this.code, message: this.message };
  }

  /** Response headers PostgREST adds to every error: content type, Proxy-Status, plus the error's own. */
  responseHeaders(): Record<string, string> {
    return {
      'Content-Type': 'application/json; charset=utf-8',
      'Proxy-Status': `PostgREST; error=${this.code}`,
      ...this.headers,
    };
  }

  toJSON(): PgrstErrorBody & { status: number; headers: Record<string, string> } {
    return { status: this.status, ...this.toBody(), headers: { ...this.headers } };
  }
}

export function isPgrstError(value: unknown): value is PgrstError {
  return value instanceof PgrstError;
}
