/**
 * Gatehouse's own error codes, one table, PostgREST-style ranges (GH1xx connection, GH2xx catalog and DDL,
 * GH3xx studio transport, GH4xx configuration files, GH5xx act-as, GH6xx change sets, GH7xx workbench,
 * GH9xx internal, GH10xx migration diff).
 * A retired code is never reused. Each entry says what went wrong and what to do about it.
 */
export const errorCodes = {
  GH100: 'The database server could not be reached.',
  GH101: 'The server rejected the credentials.',
  GH102: 'The server did not answer like PostgreSQL.',
  GH103: 'The connection string is malformed.',
  GH104: 'A line of the password file is malformed.',
  GH105: 'The connection to the database was lost.',
  GH106: 'The TLS (sslmode) requirements could not be met.',
  GH107: 'The connection service could not be found.',
  GH108: 'No such connection.',
  GH109: 'The database does not exist.',
  GH110: 'The server asked for a password and none was supplied.',
  GH200: 'A catalog query was refused for lack of privileges.',
  GH201: 'This PostgreSQL version is not supported.',
  GH202: 'A catalog query failed.',
  GH210: 'The model has no such role.',
  GH211: 'That privilege does not apply to that kind of object, or the object is not in the model.',
  GH220: 'A name cannot be written as an SQL identifier.',
  GH221: 'A value cannot be written as an SQL literal.',
  GH222: 'The DDL cannot be written as asked.',
  GH223: 'The object is not in the catalog model.',
  GH300: 'The request did not match the studio contract.',
  GH301: 'Unknown studio call.',
  GH302: 'Missing or wrong studio token.',
  GH303: 'Request refused: Host or Origin is not this studio.',
  GH304: 'The browser-mode studio only listens on 127.0.0.1.',
  GH305: 'The studio host did not answer.',
  GH306: 'The studio host answered outside the contract.',
  GH307: 'The port is already in use or not allowed.',
  GH400: 'A configuration file could not be read.',
  GH401: 'A configuration file has an invalid line.',
  GH402: 'The advisor acknowledgements file is invalid.',
  GH403: 'The role is not a request role of this PostgREST configuration.',
  GH500: 'The persona cannot be assumed.',
  GH501: 'The request could not be parsed.',
  GH510: 'The conformance cases file is invalid.',
  GH511: 'The conformance fixture could not be loaded.',
  GH512: 'The act-as database session failed.',
  GH513: 'The PostgREST version to answer as is not one Gatehouse models.',
  GH520: 'A file of the studio data dir could not be read or saved.',
  GH521: 'The PostgREST version answered as would not start with this configuration.',
  GH600: 'A change set statement does not parse.',
  GH601: 'This statement cannot be part of a change set.',
  GH602: 'No such pending statement.',
  GH603: 'The change set is empty.',
  GH604: 'The change set changed since it was reviewed.',
  GH605: 'A change set is already being applied on this connection.',
  GH606: 'The change set history could not be saved.',
  GH607: 'No such change set in the history.',
  GH608: 'The SQL file could not be read.',
  GH609: 'The change set failed and was rolled back.',
  GH610: 'The change set needs confirmation for statements that cannot run in a transaction.',
  GH611: 'The outcome of the change set is unknown.',
  GH700: 'The workbench session was lost; its open transaction was rolled back.',
  GH701: 'The workbench session is busy with another run.',
  GH702: 'A relation or column is not in the database model.',
  GH703: 'The data change could not be applied; nothing was changed.',
  GH704: 'The snippets folder could not be read or written.',
  GH705: 'Transaction control is done with the Commit and Rollback buttons.',
  GH706: 'This relation is read-only in the data view.',
  GH708: 'The database refused a data view query.',
  GH800: 'The personas file is invalid.',
  GH801: 'A persona cannot act: its role does not exist.',
  GH802: 'The matrix expectation file is invalid.',
  GH803: 'The previewed change set failed.',
  GH804: 'No such row for "why this row".',
  GH805: 'PostgreSQL cannot make this policy change in place.',
  GH806: 'A policy expression does not parse or type-check.',
  GH807: 'No such policy.',
  GH900: 'Internal error.',
  // GH10xx migration diff: sources, shadow database, verification, export (core/diff/sources|verify|export)
  GH1000: 'The diff source is not a postgres:// URI, a snapshot file, a .sql file or a folder.',
  GH1001: 'The migrations folder or .sql file could not be read.',
  GH1002: 'A migration file failed to apply to the shadow database.',
  GH1003: 'The snapshot file is not a Gatehouse snapshot or is damaged.',
  GH1004: 'The snapshot was written in a newer format than this Gatehouse reads.',
  GH1005: 'The shadow database could not be started or used.',
  GH1006: 'The PostgreSQL major versions of the source and the shadow database do not match.',
  GH1007: 'The migration could not be exported to the folder.',
  GH1008: 'The migration failed on the shadow copy while verifying it.',
  GH1009: 'The migration cannot be ordered: its objects depend on each other in a cycle.',
  GH1010: 'The output file could not be written.',
  GH1011: 'No such comparison: it was closed, replaced or the studio restarted.',
  GH1012: 'The comparison is not ready: it is still reading its sides, or it failed.',
  GH1013: 'The migration cannot be applied: its source is not an open connection.',
  GH1014: 'The planned migration has nothing to apply.',
} as const;

export type ErrorCode = keyof typeof errorCodes;

/** An error as it crosses a transport (shared/contract/error.ts validates it). */
export interface GatehouseErrorShape {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details: string | null;
  readonly hint: string | null;
}

/** The one error type that crosses module borders: code, message, details and a hint saying what to do. */
export class GatehouseError extends Error {
  readonly code: ErrorCode;
  readonly details: string | null;
  readonly hint: string | null;

  constructor(
    code: ErrorCode,
    message: string,
    options: { details?: string | null; hint?: string | null; cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GatehouseError';
    this.code = code;
    this.details = options.details ?? null;
    this.hint = options.hint ?? null;
  }

  toJSON(): GatehouseErrorShape {
    return { code: this.code, message: this.message, details: this.details, hint: this.hint };
  }

  /** A terminal-friendly rendering used by the CLI. */
  format(): string {
    return [
      `error ${this.code}: ${this.message}`,
      this.details && `  ${this.details}`,
      this.hint && `  hint: ${this.hint}`,
    ]
      .filter(Boolean)
      .join('\n');
  }
}

export function isGatehouseError(value: unknown): value is GatehouseError {
  return value instanceof GatehouseError;
}
