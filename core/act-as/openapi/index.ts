/**
 * The schema root (`GET /`, `HEAD /`): PostgREST's OpenAPI answer. The request runs like any other (same
 * transaction, role, settings and pre-request function); its one statement asks the database what the role may
 * see (sql/act-as/openapi-inputs.sql), then the document is built from that and the schema cache.
 */
import { sqlFile } from '../../db/sql-files.js';
import type { OpenApiMode, PostgrestConfig } from '../config/types.js';
import { pgrst, type Result, ok, err } from '../errors/index.js';
import { toMime } from '../request/media-types.js';
import type { RenderedStatement } from '../render/types.js';
import type { ApiRequest } from '../request/types.js';
import { withVary } from '../response/build.js';
import type { SimResponse } from '../response/types.js';
import type { SchemaCache } from '../schema-cache/types.js';
import { buildOpenApiDocument } from './document.js';
import { POSTGREST_RELEASES, behaves } from '../versions.js';
import { defaultOpenApiServerOptions, type OpenApiInputs, type OpenApiServerOptions } from './types.js';

export { buildOpenApiDocument, documentTables, swaggerFormat, swaggerType } from './document.js';
export type * from './types.js';
export { defaultOpenApiServerOptions } from './types.js';

export const OPENAPI_CONTENT_TYPE = 'application/openapi+json; charset=utf-8';

/** PostgREST's inspect plan: the root answers application/openapi+json, application/json or any; else 406. */
export function checkOpenApiAccept(req: Pick<ApiRequest, 'acceptMediaTypes'>): Result<void> {
  const ok_ = req.acceptMediaTypes.some((m) => m.type === 'openapi' || m.type === 'json' || m.type === 'any');
  return ok_ ? ok(undefined) : err(pgrst.mediaType(req.acceptMediaTypes.map(toMime)));
}

/** The statement that reads the document's database inputs for `schema`. */
export function openApiStatement(schema: string, mode: OpenApiMode, headersOnly: boolean): RenderedStatement {
  return {
    sql: sqlFile('act-as/openapi-inputs.sql'),
    params: [schema, mode === 'ignore-privileges' ? 'true' : 'false'],
    kind: 'read',
    txMode: 'read',
    media: 'json',
    contentType: OPENAPI_CONTENT_TYPE,
    singular: false,
    explain: null,
    relationName: '',
    headersOnly,
    count: null,
    countSql: null,
    countParams: [],
    range: { offset: 0, limit: null },
    representation: null,
    resolution: null,
    returnsVoid: false,
    maxAffected: null,
    preferenceApplied: [],
  };
}

export function parseOpenApiInputs(body: string): OpenApiInputs {
  return JSON.parse(body) as OpenApiInputs;
}

/** The document's server settings from the PostgREST config (PostgREST's defaults for what it leaves out). */
export function openApiServerOptions(config: PostgrestConfig): OpenApiServerOptions {
  const d = defaultOpenApiServerOptions;
  const release = POSTGREST_RELEASES[config.postgrestVersion];
  return {
    ...d,
    version: release.version,
    docsVersion: release.docs,
    integerFormats: behaves(config, 'openapi-integer-formats'),
    volatilePostOnly: behaves(config, 'openapi-volatile-post-only'),
    preferParams: behaves(config, 'params-single-object') ? ['params=single-object'] : [],
    serverHost: config.serverHost ?? d.serverHost,
    serverPort: config.serverPort ?? d.serverPort,
    proxyUri: config.openApiServerProxyUri ?? d.proxyUri,
    securityActive: config.openApiSecurityActive ?? d.securityActive,
  };
}

export interface OpenApiResponseInput {
  readonly schema: string;
  readonly negotiatedByProfile: boolean;
  readonly headersOnly: boolean;
  readonly schemaCache: SchemaCache;
  /** The statement's body (openApiStatement). */
  readonly inputsBody: string;
  readonly options?: OpenApiServerOptions;
}

/** 200 with the document (no body for HEAD): Content-Type, Content-Length, Content-Profile when negotiated. */
export function openApiResponse(input: OpenApiResponseInput): SimResponse {
  const body = input.headersOnly
    ? ''
    : buildOpenApiDocument({
        schema: input.schema,
        schemaCache: input.schemaCache,
        inputs: parseOpenApiInputs(input.inputsBody),
        options: input.options ?? defaultOpenApiServerOptions,
      });
  const headers: [string, string][] = [['Content-Type', OPENAPI_CONTENT_TYPE]];
  if (!input.headersOnly) headers.push(['Content-Length', String(Buffer.byteLength(body))]);
  if (input.negotiatedByProfile) headers.push(['Content-Profile', input.schema]);
  return withVary({ status: 200, statusText: null, headers, body });
}
