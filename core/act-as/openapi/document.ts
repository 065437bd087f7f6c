/**
 * The OpenAPI 2.0 (Swagger) document PostgREST answers `GET /` with (its Response/OpenAPI.hs), built from the
 * schema cache (columns, keys, writability, relationships) and the request-time database answers (privileges,
 * comments, enum labels, functions). Member order follows PostgREST's encoder: the document, path items,
 * definitions and parameter definitions in declaration order; operations, properties and inline schemas with
 * sorted keys.
 */
import {
  qualifiedKey,
  type Column,
  type FkRelationship,
  type SchemaCache,
  type Table,
} from '../schema-cache/types.js';
import { decodeJson, encodeJson, obj, ONum, sortedObj, type OJson, type OObj } from './json.js';
import type {
  OpenApiColumnInfo,
  OpenApiFunction,
  OpenApiInputs,
  OpenApiParam,
  OpenApiServerOptions,
  OpenApiTableInfo,
} from './types.js';

const JSON_MIME = 'application/json';
const OBJECT_STRIPPED = 'application/vnd.pgrst.object+json;nulls=stripped';
const OBJECT = 'application/vnd.pgrst.object+json';
const CSV = 'text/csv';

/** The Swagger type of a PostgreSQL type; undefined for json/jsonb (any). */
export function swaggerType(pgType: string): string | undefined {
  switch (pgType) {
    case 'character varying':
    case 'character':
    case 'text':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'smallint':
    case 'integer':
    case 'bigint':
      return 'integer';
    case 'numeric':
    case 'real':
    case 'double precision':
      return 'number';
    case 'json':
    case 'jsonb':
      return undefined;
    default:
      return pgType.endsWith('[]') ? 'array' : 'string';
  }
}

/** The Swagger format of a PostgreSQL type: its name, or (integerFormats) int32/int64 for the integer types. */
export function swaggerFormat(pgType: string, integerFormats = true): string {
  if (!integerFormats) return pgType;
  if (pgType === 'smallint' || pgType === 'integer') return 'int32';
  if (pgType === 'bigint') return 'int64';
  return pgType;
}

/** `items` of an array-typed property: the element's Swagger type. */
function arrayItems(pgType: string): OJson | undefined {
  if (swaggerType(pgType) !== 'array') return undefined;
  return sortedObj([['type', swaggerType(pgType.slice(0, -2))]]);
}

/** A column default as a JSON value: string-typed ones lose their `::type` cast and quotes; undecodable → none. */
export function defaultValue(pgType: string, def: string | null): OJson | undefined {
  if (def === null) return undefined;
  let text = def;
  if (swaggerType(pgType) === 'string') {
    const suffix = `::${pgType}`;
    const bare = def.endsWith(suffix) ? def.slice(0, -suffix.length).replace(/^'+|'+$/g, '') : def;
    text = `"${bare}"`;
  }
  return decodeJson(text)?.value;
}

/** First line of a comment and the rest (leading newlines dropped); both undefined without a comment. */
function splitComment(comment: string | null): { first: string | undefined; rest: string | undefined } {
  if (comment === null) return { first: undefined, rest: undefined };
  const i = comment.indexOf('\n');
  if (i < 0) return { first: comment, rest: '' };
  return { first: comment.slice(0, i), rest: comment.slice(i).replace(/^\n+/, '') };
}

const ref = (to: string): OJson => obj([['$ref', to]]);
const paramRef = (name: string): OJson => ref(`#/parameters/${name}`);

/** The FK note of a column: the first M2O/O2O-child relationship on exactly this column, tables before views. */
function foreignKeyNote(sc: SchemaCache, table: Table, column: string): string | null {
  const rels = (sc.relationships.get(qualifiedKey(table)) ?? []).filter(
    (r): r is FkRelationship => r.kind === 'fk',
  );
  const sorted = [...rels.filter((r) => !r.foreignTableIsView), ...rels.filter((r) => r.foreignTableIsView)];
  for (const r of sorted) {
    const c = r.cardinality;
    if (c.kind !== 'M2O' && !(c.kind === 'O2O' && !c.isParent)) continue;
    if (c.columns.length !== 1 || c.columns[0]?.[0] !== column) continue;
    const fTable = r.foreignTable.name;
    const fCol = c.columns[0][1];
    return `This is a Foreign Key to \`${fTable}.${fCol}\`.<fk table='${fTable}' column='${fCol}'/>`;
  }
  return null;
}

function propertySchema(
  sc: SchemaCache,
  table: Table,
  col: Column,
  info: OpenApiColumnInfo | undefined,
  o: OpenApiServerOptions,
): OJson {
  const notes = ['Note:'];
  if (table.pk.includes(col.name)) notes.push('This is a Primary Key.<pk/>');
  const fk = foreignKeyNote(sc, table, col.name);
  if (fk !== null) notes.push(fk);
  const comment = info?.description ?? null;
  const description =
    notes.length > 1 ? (comment === null ? '' : `${comment}\n\n`) + notes.join('\n') : (comment ?? undefined);
  return sortedObj([
    ['default', defaultValue(col.type, col.default)],
    ['description', description],
    ['enum', info && info.enum.length > 0 ? [...info.enum] : undefined],
    ['format', swaggerFormat(col.type, o.integerFormats)],
    ['maxLength', info?.maxLength != null ? new ONum(String(info.maxLength)) : undefined],
    ['type', swaggerType(col.type)],
    ['items', arrayItems(col.type)],
  ]);
}

interface DocTable {
  readonly table: Table;
  readonly info: OpenApiTableInfo;
  readonly columns: ReadonlyMap<string, OpenApiColumnInfo>;
}

function definition(sc: SchemaCache, t: DocTable, o: OpenApiServerOptions): OJson {
  const required = t.table.columns.filter((c) => !c.nullable).map((c) => c.name);
  const props = t.table.columns.map(
    (c) => [c.name, propertySchema(sc, t.table, c, t.columns.get(c.name), o)] as const,
  );
  return obj([
    ['description', t.info.description ?? undefined],
    ['required', required.length > 0 ? required : undefined],
    ['properties', props.length > 0 ? obj(props) : undefined],
    ['type', 'object'],
  ]);
}

function tablePathItem(t: DocTable): OJson {
  const tn = t.table.name;
  const { first, rest } = splitComment(t.info.description);
  const rowFilters = t.table.columns.map((c) => paramRef(`rowFilter.${tn}.${c.name}`));
  const op = (parameters: OJson[], responses: OObj): OJson =>
    sortedObj([
      ['description', rest === '' ? undefined : rest],
      ['parameters', parameters],
      ['responses', responses],
      ['summary', first],
      ['tags', [tn]],
    ]);
  const described = (d: string): OJson => obj([['description', d]]);
  const get = op(
    [
      ...rowFilters,
      ...['select', 'order', 'range', 'rangeUnit', 'offset', 'limit', 'preferCount'].map(paramRef),
    ],
    sortedObj([
      [
        '200',
        sortedObj([
          ['description', 'OK'],
          [
            'schema',
            sortedObj([
              ['type', 'array'],
              ['items', ref(`#/definitions/${tn}`)],
            ]),
          ],
        ]),
      ],
      ['206', described('Partial Content')],
    ]),
  );
  const writable = t.table.insertable || t.table.updatable || t.table.deletable;
  if (!writable) return obj([['get', get]]);
  return obj([
    ['get', get],
    [
      'post',
      op(
        [paramRef(`body.${tn}`), paramRef('select'), paramRef('preferPost')],
        sortedObj([['201', described('Created')]]),
      ),
    ],
    ['delete', op([...rowFilters, paramRef('preferReturn')], sortedObj([['204', described('No Content')]]))],
    [
      'patch',
      op(
        [...rowFilters, paramRef(`body.${tn}`), paramRef('preferReturn')],
        sortedObj([['204', described('No Content')]]),
      ),
    ],
  ]);
}

function procGetParam(p: OpenApiParam, o: OpenApiServerOptions): OJson {
  const t = swaggerType(p.type);
  if (p.variadic) {
    const elem = p.type.endsWith('[]') ? p.type.slice(0, -2) : p.type;
    return sortedObj([
      ['collectionFormat', 'multi'],
      ['in', 'query'],
      [
        'items',
        sortedObj([
          ['type', swaggerType(elem)],
          ['format', swaggerFormat(elem, o.integerFormats)],
        ]),
      ],
      ['name', p.name],
      ['required', p.required],
      ['type', t ?? 'string'],
    ]);
  }
  return sortedObj([
    ['format', swaggerFormat(p.type, o.integerFormats)],
    ['in', 'query'],
    ['name', p.name],
    ['required', p.required],
    ['type', t === undefined || t === 'array' ? 'string' : t],
  ]);
}

function procPathItem(f: OpenApiFunction, o: OpenApiServerOptions): OJson {
  const { first, rest } = splitComment(f.description);
  const op = (parameters: OJson[]): OJson =>
    sortedObj([
      ['description', rest === '' ? undefined : rest],
      ['parameters', parameters.length > 0 ? parameters : undefined],
      ['produces', [JSON_MIME, OBJECT_STRIPPED, OBJECT]],
      ['responses', sortedObj([['200', obj([['description', 'OK']])]])],
      ['summary', first],
      ['tags', [`(rpc) ${f.name}`]],
    ]);
  const required = f.params.filter((p) => p.required).map((p) => p.name);
  const argsSchema = sortedObj([
    ['description', f.description ?? undefined],
    [
      'properties',
      f.params.length > 0
        ? obj(
            f.params.map(
              (p) =>
                [
                  p.name,
                  sortedObj([
                    ['type', swaggerType(p.type)],
                    ['items', arrayItems(p.type)],
                    ['format', swaggerFormat(p.type, o.integerFormats)],
                  ]),
                ] as const,
            ),
          )
        : undefined,
    ],
    ['required', required.length > 0 ? required : undefined],
    ['type', 'object'],
  ]);
  const post = op([
    sortedObj([
      ['in', 'body'],
      ['name', 'args'],
      ['required', true],
      ['schema', argsSchema],
    ]),
    paramRef('preferParams'),
  ]);
  if (f.volatility === 'volatile' && o.volatilePostOnly) return obj([['post', post]]);
  return obj([
    ['get', op(f.params.map((p) => procGetParam(p, o)))],
    ['post', post],
  ]);
}

const rootPathItem: OJson = obj([
  [
    'get',
    sortedObj([
      ['tags', ['Introspection']],
      ['summary', 'OpenAPI description (this document)'],
      ['produces', ['application/openapi+json', JSON_MIME]],
      ['responses', sortedObj([['200', obj([['description', 'OK']])]])],
    ]),
  ],
]);

/** A parameter definition: name, description, required in order, then the rest sorted. */
function paramDef(
  name: string,
  description: string | undefined,
  rest: readonly (readonly [string, OJson | undefined])[],
): OJson {
  const tail = sortedObj(rest).entries;
  return obj([['name', name], ['description', description], ['required', false], ...tail]);
}

function preferParam(values: readonly string[]): OJson {
  return paramDef('Prefer', 'Preference', [
    ['in', 'header'],
    ['type', 'string'],
    ['enum', values.length > 0 ? [...values] : undefined],
  ]);
}

const queryString = [
  ['in', 'query'],
  ['type', 'string'],
] as const;

function parameterDefs(tables: readonly DocTable[], o: OpenApiServerOptions): OJson {
  const entries: [string, OJson][] = [
    ['preferParams', preferParam(o.preferParams)],
    ['preferReturn', preferParam(['return=representation', 'return=minimal', 'return=none'])],
    ['preferCount', preferParam(['count=none'])],
    [
      'preferPost',
      preferParam([
        'return=representation',
        'return=minimal',
        'return=none',
        'resolution=ignore-duplicates',
        'resolution=merge-duplicates',
      ]),
    ],
    ['select', paramDef('select', 'Filtering Columns', queryString)],
    ['on_conflict', paramDef('on_conflict', 'On Conflict', queryString)],
    ['order', paramDef('order', 'Ordering', queryString)],
    [
      'range',
      paramDef('Range', 'Limiting and Pagination', [
        ['in', 'header'],
        ['type', 'string'],
      ]),
    ],
    [
      'rangeUnit',
      paramDef('Range-Unit', 'Limiting and Pagination', [
        ['in', 'header'],
        ['type', 'string'],
        ['default', 'items'],
      ]),
    ],
    ['offset', paramDef('offset', 'Limiting and Pagination', queryString)],
    ['limit', paramDef('limit', 'Limiting and Pagination', queryString)],
  ];
  for (const t of tables) {
    const tn = t.table.name;
    entries.push([
      `body.${tn}`,
      paramDef(tn, tn, [
        ['in', 'body'],
        ['schema', ref(`#/definitions/${tn}`)],
      ]),
    ]);
    for (const c of t.table.columns) {
      entries.push([
        `rowFilter.${tn}.${c.name}`,
        paramDef(c.name, t.columns.get(c.name)?.description ?? undefined, queryString),
      ]);
    }
  }
  return obj(entries);
}

/** openapi-server-proxy-uri, or the server's own address: [scheme, host, port, base path]. */
function serverAddress(o: OpenApiServerOptions): [string, string, number, string] {
  if (o.proxyUri !== null) {
    try {
      const u = new URL(o.proxyUri);
      const scheme = u.protocol.replace(/:$/, '').toLowerCase();
      if (scheme === 'http' || scheme === 'https') {
        const port = u.port === '' ? (scheme === 'http' ? 80 : 443) : Number(u.port);
        return [scheme, u.hostname, port, u.pathname === '' ? '/' : u.pathname];
      }
    } catch {
      // a malformed proxy URI is ignored, as PostgREST does
    }
  }
  return ['http', o.serverHost, o.serverPort, '/'];
}

function hostName(h: string): string {
  return ['*', '*4', '!4', '*6', '!6'].includes(h) ? '0.0.0.0' : h;
}

export interface OpenApiDocumentInput {
  /** The schema the document describes (the request's profile). */
  readonly schema: string;
  readonly schemaCache: SchemaCache;
  readonly inputs: OpenApiInputs;
  readonly options: OpenApiServerOptions;
}

/** The relations the document lists: the schema cache's, of the schema, that the database called accessible. */
export function documentTables(input: OpenApiDocumentInput): DocTable[] {
  const out: DocTable[] = [];
  for (const info of input.inputs.tables) {
    if (!info.accessible) continue;
    const table = input.schemaCache.tables.get(qualifiedKey({ schema: input.schema, name: info.name }));
    if (!table) continue;
    out.push({ table, info, columns: new Map(info.columns.map((c) => [c.name, c])) });
  }
  return out;
}

/** The document as PostgREST would encode it. */
export function buildOpenApiDocument(input: OpenApiDocumentInput): string {
  const o = input.options;
  const tables = documentTables(input);
  const { first, rest } = splitComment(input.inputs.description);
  const [scheme, host, port, basePath] = serverAddress(o);
  const paths: [string, OJson][] = [['/', rootPathItem]];
  for (const t of tables) paths.push([`/${t.table.name}`, tablePathItem(t)]);
  for (const f of input.inputs.functions) paths.push([`/rpc/${f.name}`, procPathItem(f, o)]);
  const jwt = 'JWT';
  const doc = obj([
    ['swagger', '2.0'],
    [
      'info',
      sortedObj([
        ['version', o.version],
        ['title', first ?? 'PostgREST API'],
        ['description', rest ?? 'This is a dynamic API generated by PostgREST'],
      ]),
    ],
    ['host', `${hostName(host)}:${port}`],
    ['basePath', basePath],
    ['schemes', [scheme === 'http' ? 'http' : 'https']],
    ['consumes', [JSON_MIME, OBJECT_STRIPPED, OBJECT, CSV]],
    ['produces', [JSON_MIME, OBJECT_STRIPPED, OBJECT, CSV]],
    ['paths', dedupe(paths)],
    [
      'definitions',
      tables.length > 0
        ? obj(tables.map((t) => [t.table.name, definition(input.schemaCache, t, o)]))
        : undefined,
    ],
    ['parameters', parameterDefs(tables, o)],
    [
      'securityDefinitions',
      o.securityActive
        ? obj([
            [
              jwt,
              sortedObj([
                ['type', 'apiKey'],
                ['in', 'header'],
                ['name', 'Authorization'],
                ['description', 'Add the token prepending "Bearer " (without quotes) to it'],
              ]),
            ],
          ])
        : undefined,
    ],
    ['security', o.securityActive ? [obj([[jwt, []]])] : undefined],
    [
      'externalDocs',
      sortedObj([
        ['description', 'PostgREST Documentation'],
        ['url', `https://postgrest.org/en/${o.docsVersion}/references/api.html`],
      ]),
    ],
  ]);
  return encodeJson(doc);
}

/** Overloaded functions share a path: the last one wins, at the first one's position (an ordered map's insert). */
function dedupe(entries: readonly [string, OJson][]): OObj {
  const m = new Map<string, OJson>();
  for (const [k, v] of entries) m.set(k, v);
  return obj([...m.entries()]);
}
