import { pgrst, type PgrstError, type Result, ok, err } from '../errors/index.js';
import type { RenderedStatement } from '../render/types.js';
import type { ResultSet } from '../execute/result-set.js';
import { errorResponse } from './error-response.js';
import { contentRange, rangeStatus } from './range-header.js';
import type { SimResponse } from './types.js';

type Header = readonly [string, string];

export interface ResponseInput {
  readonly statement: RenderedStatement;
  readonly resultSet: ResultSet;
  readonly schema: string;
  /** The schema came from Accept-Profile/Content-Profile (or several are exposed): send Content-Profile. */
  readonly negotiatedByProfile: boolean;
  /** The query string with parameters sorted (Content-Location of reads); '' when none. */
  readonly canonicalQuery: string;
  readonly verbosity: 'verbose' | 'minimal';
  /**
   * PostgREST 13.0.0–14.1's bug (fixed in 14.2, #4455): a 416 out-of-range read keeps the Content-Length of the
   * empty page it replaced, so clients read the error body cut to that length (v13.0.8 Response.hs:70, 84-87).
   */
  readonly rangeErrorCutToPage?: boolean;
}

const lengthOf = (body: string): Header => ['Content-Length', String(Buffer.byteLength(body))];

function contentTypeHeaders(input: ResponseInput): Header[] {
  const h: Header[] = [['Content-Type', input.statement.contentType]];
  if (input.negotiatedByProfile) h.push(['Content-Profile', input.schema]);
  return h;
}

function preferenceApplied(st: RenderedStatement): Header[] {
  return st.preferenceApplied.length ? [['Preference-Applied', st.preferenceApplied.join(', ')]] : [];
}

/** `?k=v&…` with both sides percent-encoded (Location of an insert). */
function simpleQuery(pairs: readonly (readonly [string, string])[]): string {
  if (!pairs.length) return '';
  const enc = (s: string): string =>
    encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return '?' + pairs.map(([k, v]) => `${enc(k)}=${enc(v)}`).join('&');
}

/** response.status / response.headers GUCs override PostgREST's own status and same-named headers. */
function applyGucs(
  rs: ResultSet,
  status: number,
  headers: Header[],
): Result<{ status: number; headers: Header[] }> {
  let st = status;
  if (rs.gucStatus !== null) {
    const m = /^[0-9]+/.exec(rs.gucStatus);
    if (!m) return err(pgrst.gucStatus());
    st = Number(m[0]);
  }
  let guc: Header[] = [];
  if (rs.gucHeaders !== null) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(rs.gucHeaders);
    } catch {
      return err(pgrst.gucHeaders());
    }
    if (!Array.isArray(parsed)) return err(pgrst.gucHeaders());
    for (const item of parsed as unknown[]) {
      if (item === null || typeof item !== 'object' || Array.isArray(item)) return err(pgrst.gucHeaders());
      const entries = Object.entries(item);
      const only = entries[0];
      if (entries.length !== 1 || !only || typeof only[1] !== 'string') return err(pgrst.gucHeaders());
      guc.push([only[0], only[1]]);
    }
  }
  const names = new Set(guc.map(([k]) => k.toLowerCase()));
  guc = [...headers.filter(([k]) => !names.has(k.toLowerCase())), ...guc];
  return ok({ status: st, headers: guc });
}

function outOfRangeBody(input: ResponseInput): string {
  const e: PgrstError = pgrst.invalidRange({
    kind: 'out-of-bounds',
    lower: String(input.statement.range.offset),
    total: String(input.resultSet.tableTotal ?? 0),
  });
  return errorResponse(e, input.verbosity).body;
}

/** PostgREST's response for a successful statement (Response.hs), per kind of statement. */
export function buildResponse(input: ResponseInput): SimResponse {
  const { statement: st, resultSet: rs } = input;
  // An execution plan: 200 with the plan, whatever the statement (Response.hs actionResponse DbPlanResult).
  if (st.explain)
    return withVary({
      status: 200,
      statusText: null,
      headers: [lengthOf(rs.body), ...contentTypeHeaders(input)],
      body: rs.body,
    });
  const prefs = preferenceApplied(st);
  const full = st.representation === 'full';
  let status: number;
  let headers: Header[];
  let body: string;
  switch (st.kind) {
    case 'read': {
      const r = rangeStatus(st.range.offset, rs.queryTotal, rs.tableTotal);
      status = r.status;
      body = r.status === 416 ? outOfRangeBody(input) : st.headersOnly ? '' : rs.body;
      const cut = r.status === 416 && input.rangeErrorCutToPage === true && !st.headersOnly;
      if (cut) body = Buffer.from(body).subarray(0, Buffer.byteLength(rs.body)).toString('utf8');
      headers = [
        ['Content-Range', r.contentRange],
        ['Content-Location', `/${st.relationName}${input.canonicalQuery ? `?${input.canonicalQuery}` : ''}`],
        ...(st.headersOnly ? [] : [cut ? lengthOf(rs.body) : lengthOf(body)]),
        ...contentTypeHeaders(input),
        ...prefs,
      ];
      break;
    }
    case 'insert': {
      const base: Header[] = [
        ...(rs.location.length
          ? [['Location', `/${st.relationName}${simpleQuery(rs.location)}`] as Header]
          : []),
        ['Content-Range', contentRange(1, 0, st.count !== null ? rs.queryTotal : null)],
        ...prefs,
      ];
      status = st.resolution === 'merge-duplicates' && rs.inserted !== null && rs.inserted <= 0 ? 200 : 201;
      body = full ? rs.body : '';
      headers = [lengthOf(body), ...base, ...(full ? contentTypeHeaders(input) : [])];
      break;
    }
    case 'update': {
      const base: Header[] = [
        ['Content-Range', contentRange(0, rs.queryTotal - 1, st.count !== null ? rs.queryTotal : null)],
        ...prefs,
      ];
      status = full ? 200 : 204;
      body = full ? rs.body : '';
      headers = full ? [...base, lengthOf(body), ...contentTypeHeaders(input)] : base;
      break;
    }
    case 'upsert': {
      status = full ? ((rs.inserted ?? 0) > 0 ? 201 : 200) : 204;
      body = full ? rs.body : '';
      headers = full ? [lengthOf(body), ...contentTypeHeaders(input), ...prefs] : prefs;
      break;
    }
    case 'delete': {
      const base: Header[] = [
        ['Content-Range', contentRange(1, 0, st.count !== null ? rs.queryTotal : null)],
        ...prefs,
      ];
      status = full ? 200 : 204;
      body = full ? rs.body : '';
      headers = full ? [...base, lengthOf(body), ...contentTypeHeaders(input)] : base;
      break;
    }
    case 'call': {
      const r = rangeStatus(st.range.offset, rs.queryTotal, rs.tableTotal);
      const base: Header[] = [['Content-Range', r.contentRange], ...prefs];
      if (st.returnsVoid) {
        status = 204;
        body = '';
        headers = base;
      } else {
        status = r.status;
        const b = r.status === 416 ? outOfRangeBody(input) : rs.body;
        body = st.headersOnly ? '' : b;
        headers = [...base, ...(st.headersOnly ? [] : [lengthOf(b)]), ...contentTypeHeaders(input)];
      }
      break;
    }
  }
  const over = applyGucs(rs, status, headers);
  if (!over.ok) return errorResponse(over.error, input.verbosity);
  return withVary({ status: over.value.status, statusText: null, headers: over.value.headers, body });
}

/** PostgREST adds `Vary: Accept, Prefer, Range` to every successful response that does not set Vary. */
export function withVary(res: SimResponse): SimResponse {
  if (res.headers.some(([k]) => k.toLowerCase() === 'vary')) return res;
  return { ...res, headers: [...res.headers, ['Vary', 'Accept, Prefer, Range']] };
}

/** OPTIONS answer: 200, empty body, Allow (PostgREST's respondInfo). */
export function infoResponse(allow: string): SimResponse {
  return withVary({
    status: 200,
    statusText: null,
    headers: [
      ['Content-Length', '0'],
      ['Access-Control-Allow-Origin', '*'],
      ['Allow', allow],
    ],
    body: '',
  });
}
