/**
 * Media types (PostgREST's MediaType.hs) and the Accept header ordering (wai-extra's parseHttpAccept).
 *
 * @example
 *   decodeMediaType('application/vnd.pgrst.object+json;nulls=stripped') // {type:'singular', stripNulls:true}
 *   parseAccept('text/csv;q=0.5, application/json')                      // [json, csv]
 *   toMime({ type: 'csv' })                                              // 'text/csv'
 */
import type { MediaType, PlanOption } from './types.js';

type Tokens = { main: string; sub: string; params: Map<string, string> };

/** PostgREST's tokenizeMediaType; null when it does not match (then the whole text is the main type). */
function tokenize(text: string): Tokens | null {
  const m = /^([A-Za-z0-9.*]+)\/([A-Za-z0-9.*+-]+)/.exec(text);
  if (!m) return null;
  const params = new Map<string, string>();
  let rest = text.slice(m[0].length);
  const kv = /^\s*;\s*([A-Za-z0-9-]+)\s*=\s*(?:"([^"]*)"|([A-Za-z0-9|-]+))/;
  for (;;) {
    const p = kv.exec(rest);
    if (!p) break;
    params.set(p[1]!.toLowerCase(), p[2] ?? p[3] ?? '');
    rest = rest.slice(p[0].length);
  }
  return { main: m[1]!, sub: m[2]!, params };
}

const planOptions: PlanOption[] = ['analyze', 'verbose', 'settings', 'buffers', 'wal'];

function planMediaType(params: ReadonlyMap<string, string>, format: 'json' | 'text'): MediaType {
  const opts = (params.get('options') ?? '').split('|');
  return {
    type: 'plan',
    for: decodeMediaType(params.get('for') ?? 'application/json'),
    format,
    options: planOptions.filter((o) => opts.includes(o)),
  };
}

export function decodeMediaType(text: string): MediaType {
  const t = tokenize(text);
  const main = (t?.main ?? text).toLowerCase();
  const sub = (t?.sub ?? '').toLowerCase();
  const params = t?.params ?? new Map<string, string>();
  const stripped = (params.get('nulls') ?? 'false') === 'stripped';
  const key = `${main}/${sub}`;
  switch (key) {
    case 'application/json':
      return { type: 'json' };
    case 'application/geo+json':
      return { type: 'geojson' };
    case 'text/csv':
      return { type: 'csv' };
    case 'text/plain':
      return { type: 'text' };
    case 'text/xml':
      return { type: 'xml' };
    case 'application/openapi+json':
      return { type: 'openapi' };
    case 'application/x-www-form-urlencoded':
      return { type: 'urlencoded' };
    case 'application/octet-stream':
      return { type: 'octet-stream' };
    case 'application/vnd.pgrst.plan':
    case 'application/vnd.pgrst.plan+text':
      return planMediaType(params, 'text');
    case 'application/vnd.pgrst.plan+json':
      return planMediaType(params, 'json');
    case 'application/vnd.pgrst.object+json':
    case 'application/vnd.pgrst.object':
      return { type: 'singular', stripNulls: stripped };
    case 'application/vnd.pgrst.array+json':
    case 'application/vnd.pgrst.array':
      return stripped ? { type: 'array-stripped' } : { type: 'json' };
    case '*/*':
      return { type: 'any' };
  }
  return { type: 'other', mime: text };
}

export function toMime(mt: MediaType): string {
  switch (mt.type) {
    case 'json':
      return 'application/json';
    case 'array-stripped':
      return 'application/vnd.pgrst.array+json;nulls=stripped';
    case 'geojson':
      return 'application/geo+json';
    case 'csv':
      return 'text/csv';
    case 'text':
      return 'text/plain';
    case 'xml':
      return 'text/xml';
    case 'openapi':
      return 'application/openapi+json';
    case 'singular':
      return mt.stripNulls
        ? 'application/vnd.pgrst.object+json;nulls=stripped'
        : 'application/vnd.pgrst.object+json';
    case 'urlencoded':
      return 'application/x-www-form-urlencoded';
    case 'octet-stream':
      return 'application/octet-stream';
    case 'any':
      return '*/*';
    case 'other':
      return mt.mime;
    case 'plan':
      return `application/vnd.pgrst.plan+${mt.format}; for="${toMime(mt.for)}"${
        mt.options.length === 0 ? '' : `; options=${mt.options.join('|')}`
      }`;
  }
}

/** The Content-Type header value PostgREST sends for a media type (charset except for octet-stream/other). */
export function toContentType(mt: MediaType): string {
  return mt.type === 'octet-stream' || mt.type === 'other' ? toMime(mt) : `${toMime(mt)}; charset=utf-8`;
}

/** Haskell `reads :: Double` prefix parse; 1.0 when it fails. */
function readQ(text: string): number {
  const m = /^\s*(-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?)/.exec(text);
  return m ? Number(m[1]) : 1.0;
}

/** wai-extra's parseHttpAccept: spaces removed, sorted by q then specificity (stable), q stripped. */
export function parseAcceptRaw(header: string): string[] {
  const items = header.split(',').map((part) => {
    const s = part.replace(/ /g, '');
    const i = s.indexOf(';q=');
    const mime = i === -1 ? s : s.slice(0, i);
    const qText = i === -1 ? '' : s.slice(i + 3);
    const q = i === -1 ? 1.0 : readQ(qText.split(';')[0]!);
    const semicolons = (mime.match(/;/g) ?? []).length;
    const stars = (mime.match(/\*/g) ?? []).length;
    return { mime, q, spec: semicolons - stars };
  });
  return items
    .map((x, i) => ({ ...x, i }))
    .sort((a, b) => b.q - a.q || b.spec - a.spec || a.i - b.i)
    .map((x) => x.mime);
}

/** The Accept header → media types in preference order; no header = [*\/*]. */
export function parseAccept(header: string | null): MediaType[] {
  if (header === null) return [{ type: 'any' }];
  return parseAcceptRaw(header).map(decodeMediaType);
}
