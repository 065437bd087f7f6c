/**
 * An HTTP request → ApiRequest (PostgREST's userApiRequest + userPreferences), without the schema cache.
 * Steps in PostgREST's order: resource, schema, action, query parameters, ranges, payload. The first failure is
 * returned as a PgrstError (Result); nothing throws.
 *
 * @example
 *   parseApiRequest({ method: 'GET', target: '/tasks?select=id&id=eq.1', headers: {} }, config)
 *   parseApiRequest({ method: 'POST', target: '/rpc/add', headers: { 'Content-Type': 'application/json' },
 *                     body: '{"a":1,"b":2}' }, config)
 */
import { pgrst } from '../errors/codes.js';
import type { Result } from '../errors/result.js';
import { err, ok } from '../errors/result.js';
import type { PostgrestConfig } from '../config/types.js';
import type { ApiRequest, HttpRequestInput, NonnegRange, QueryParams } from './types.js';
import { parsePayload } from './body.js';
import { decodeMediaType, parseAccept } from './media-types.js';
import { getAction, getResource, getSchema } from './path.js';
import { parsePreferences } from './preferences.js';
import { parseQueryParams } from './query-params.js';
import { DEFAULT_POSTGREST_VERSION, behavesAt } from '../versions.js';
import {
  allRange,
  hasLimitZero,
  limitZeroRange,
  parseRangeHeader,
  rangeEquals,
  rangeIntersection,
  rangeIsEmpty,
} from './range.js';
import { decodePathSegments } from './url.js';

export type ApiRequestConfig = Pick<
  PostgrestConfig,
  'dbSchemas' | 'openApiMode' | 'dbRootSpec' | 'dbTxAllowOverride'
> &
  Partial<Pick<PostgrestConfig, 'postgrestVersion'>>;

function isPairList(h: HttpRequestInput['headers']): h is readonly (readonly [string, string])[] {
  return Array.isArray(h);
}

/** Header pairs in request order (names as sent). */
export function headerPairs(headers: HttpRequestInput['headers']): [string, string][] {
  if (isPairList(headers)) return headers.map(([k, v]) => [k, v]);
  return Object.entries(headers);
}

/** Case-insensitive lookup of the first header with this name. */
export function lookupHeader(pairs: readonly (readonly [string, string])[], name: string): string | null {
  const n = name.toLowerCase();
  const hit = pairs.find(([k]) => k.toLowerCase() === n);
  return hit ? hit[1] : null;
}

/** Web.Cookie's parseCookies: "a=1; b=2" → [["a","1"],["b","2"]]. */
export function parseCookies(header: string): [string, string][] {
  return header
    .split(';')
    .map((part) => part.replace(/^ +/, ''))
    .filter((part) => part !== '')
    .map((part) => {
      const eq = part.indexOf('=');
      return eq === -1 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)];
    });
}

/** Splits a request target into path and query string (without "?"). */
export function splitTarget(target: string): { path: string; query: string } {
  const i = target.indexOf('?');
  return i === -1 ? { path: target, query: '' } : { path: target.slice(0, i), query: target.slice(i + 1) };
}

function getRanges(
  method: string,
  qs: QueryParams,
  rangeHeader: string | null,
): Result<{ topLevelRange: NonnegRange; ranges: Record<string, NonnegRange> }> {
  // RFC 9110: the Range header only applies to GET.
  const headerRange = method === 'GET' && rangeHeader !== null ? parseRangeHeader(rangeHeader) : allRange;
  const limitRange = qs.ranges.limit ?? allRange;
  const headerAndLimit = rangeIntersection(headerRange, limitRange);
  const ranges = { ...qs.ranges, limit: hasLimitZero(limitRange) ? limitZeroRange : headerAndLimit };
  const topLevelRange = ranges.limit;
  if (rangeIsEmpty(topLevelRange) && !hasLimitZero(limitRange)) {
    return err(pgrst.invalidRange({ kind: rangeIsEmpty(headerRange) ? 'lower-gt-upper' : 'negative-limit' }));
  }
  if (method === 'PUT' && !rangeEquals(topLevelRange, allRange)) return err(pgrst.putLimitNotAllowed());
  return ok({ topLevelRange, ranges });
}

export function parseApiRequest(input: HttpRequestInput, config: ApiRequestConfig): Result<ApiRequest> {
  const pairs = headerPairs(input.headers);
  const method = input.method;
  const { path, query } = splitTarget(input.target);
  const version = config.postgrestVersion ?? DEFAULT_POSTGREST_VERSION;
  const preferences = parsePreferences(
    pairs,
    config.dbTxAllowOverride,
    behavesAt(version, 'params-single-object'),
  );

  const resource = getResource(decodePathSegments(path), config);
  if (!resource.ok) return resource;
  const schema = getSchema(config.dbSchemas, (name) => lookupHeader(pairs, name), method);
  if (!schema.ok) return schema;
  const action = getAction(resource.value, schema.value.schema, method);
  if (!action.ok) return action;
  const a = action.value;
  const isInvokeSafe = a.type === 'routine' && a.invokeMethod.type === 'read';
  const qp = parseQueryParams(isInvokeSafe, query, behavesAt(version, 'is-not-null') ? 13 : 12);
  if (!qp.ok) return qp;
  const ranges = getRanges(method, qp.value, lookupHeader(pairs, 'range'));
  if (!ranges.ok) return ranges;
  const contentHeader = lookupHeader(pairs, 'content-type');
  const contentMediaType =
    contentHeader === null ? { type: 'json' as const } : decodeMediaType(contentHeader);
  const payload = parsePayload(input.body, contentMediaType, qp.value.columns, a);
  if (!payload.ok) return payload;
  const cookieHeader = lookupHeader(pairs, 'cookie');

  return ok({
    action: a,
    ranges: ranges.value.ranges,
    topLevelRange: ranges.value.topLevelRange,
    payload: payload.value.payload,
    preferences,
    queryParams: qp.value,
    columns: payload.value.columns,
    headers: pairs.filter(([k]) => k.toLowerCase() !== 'cookie').map(([k, v]) => [k.toLowerCase(), v]),
    cookies: cookieHeader === null ? [] : parseCookies(cookieHeader),
    path,
    method,
    schema: schema.value.schema,
    negotiatedByProfile: schema.value.negotiatedByProfile,
    acceptMediaTypes: parseAccept(lookupHeader(pairs, 'accept')),
    contentMediaType,
  });
}
