/** What the OpenAPI root document is built from: the database's answers plus the server settings. */

export interface OpenApiColumnInfo {
  readonly name: string;
  readonly description: string | null;
  /** character_maximum_length of the column's type (varchar(n), char(n)), null otherwise. */
  readonly maxLength: number | null;
  /** Labels of the column's enum type (domains resolved), in sort order; empty for other types. */
  readonly enum: readonly string[];
}

export interface OpenApiTableInfo {
  readonly name: string;
  readonly description: string | null;
  /** The role may see it (openapi-mode follow-privileges); always true in ignore-privileges mode. */
  readonly accessible: boolean;
  readonly columns: readonly OpenApiColumnInfo[];
}

export interface OpenApiParam {
  /** '' for the one unnamed body parameter. */
  readonly name: string;
  readonly type: string;
  readonly required: boolean;
  readonly variadic: boolean;
}

export interface OpenApiFunction {
  readonly name: string;
  readonly description: string | null;
  readonly params: readonly OpenApiParam[];
  readonly volatility: 'volatile' | 'stable' | 'immutable';
}

/** The body of sql/act-as/openapi-inputs.sql. */
export interface OpenApiInputs {
  /** The schema's comment. */
  readonly description: string | null;
  readonly tables: readonly OpenApiTableInfo[];
  readonly functions: readonly OpenApiFunction[];
}

/**
 * Server settings the document names (PostgREST config server-host/server-port/openapi-*), and what the PostgREST
 * major answered as writes differently (core/act-as/versions.ts).
 */
export interface OpenApiServerOptions {
  /** server-host (default `!4`, written as 0.0.0.0). */
  readonly serverHost: string;
  /** server-port (default 3000). */
  readonly serverPort: number;
  /** openapi-server-proxy-uri: scheme, host, port and base path of the document instead of the server's. */
  readonly proxyUri: string | null;
  /** openapi-security-active: add the JWT security definition. */
  readonly securityActive: boolean;
  /** info.version: the PostgREST version string. */
  readonly version: string;
  /** The docs version in externalDocs.url (`v16`). */
  readonly docsVersion: string;
  /** smallint/integer → format int32, bigint → int64 (PostgREST 14.8 on); else the type's name. */
  readonly integerFormats: boolean;
  /** Volatile functions get a POST operation only (13.0.5 on); else GET and POST. */
  readonly volatilePostOnly: boolean;
  /** The enum of the preferParams parameter (12: params=single-object; none after). */
  readonly preferParams: readonly string[];
}

export const defaultOpenApiServerOptions: OpenApiServerOptions = {
  serverHost: '!4',
  serverPort: 3000,
  proxyUri: null,
  securityActive: false,
  version: '16.2',
  docsVersion: 'v16',
  integerFormats: true,
  volatilePostOnly: true,
  preferParams: [],
};
