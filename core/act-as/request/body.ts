/**
 * The request body → Payload (PostgREST's ApiRequest/Payload.hs). Only parsed for mutations (not DELETE) and
 * POST RPC calls. Errors are PGRST102 with PostgREST's texts ("Empty or invalid json", "All object keys must
 * match", "Content-Type not acceptable: …").
 *
 * @example
 *   parsePayload('{"a":1}', {type:'json'}, null, action)       // {type:'json', raw:'{"a":1}', keys:['a']}
 *   parsePayload('a,b\n1,NULL', {type:'csv'}, null, action)    // raw '[{"a":"1","b":null}]'
 */
import { pgrst } from '../errors/codes.js';
import type { Result } from '../errors/result.js';
import { err, ok } from '../errors/result.js';
import type { Action, Json, MediaType, Payload } from './types.js';
import { toMime } from './media-types.js';
import { showString } from './parsec.js';
import { urlDecode } from './url.js';

const decoder = new TextDecoder('utf-8', { fatal: false });

export function bodyText(body: string | Uint8Array | null | undefined): string {
  if (body === null || body === undefined) return '';
  return typeof body === 'string' ? body : decoder.decode(body);
}

function bodyBytes(body: string | Uint8Array | null | undefined): Uint8Array {
  if (body === null || body === undefined) return new Uint8Array();
  return typeof body === 'string' ? new TextEncoder().encode(body) : body;
}

function isObject(v: unknown): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function sameKeys(a: string[], b: string[]): boolean {
  const sa = new Set(a);
  const sb = new Set(b);
  return sa.size === sb.size && [...sa].every((k) => sb.has(k));
}

/** payloadAttributes: object → its keys; array of objects with identical keys → those keys; else "[]" or null. */
function payloadAttributes(raw: string, json: Json): Payload | null {
  if (Array.isArray(json)) {
    if (json.length === 0) return { type: 'json', raw: '[]', keys: [] };
    const first = json[0];
    if (!isObject(first)) return null;
    const keys = Object.keys(first);
    return json.every((x) => isObject(x) && sameKeys(Object.keys(x), keys))
      ? { type: 'json', raw, keys: [...new Set(keys)].sort() }
      : null;
  }
  if (isObject(json)) return { type: 'json', raw, keys: Object.keys(json).sort() };
  return { type: 'json', raw: '[]', keys: [] };
}

/** application/x-www-form-urlencoded pairs (http-types parseSimpleQuery). */
export function parseForm(text: string): [string, string][] {
  let q = text.startsWith('?') ? text.slice(1) : text;
  const out: [string, string][] = [];
  while (q.length > 0) {
    const m = /[&;]/.exec(q);
    const part = m ? q.slice(0, m.index) : q;
    q = m ? q.slice(m.index + 1) : '';
    const eq = part.indexOf('=');
    out.push([
      urlDecode(eq === -1 ? part : part.slice(0, eq), true),
      eq === -1 ? '' : urlDecode(part.slice(eq + 1), true),
    ]);
  }
  return out;
}

class CsvFailure {
  constructor(
    readonly msg: string,
    readonly pos: number,
  ) {}
}

/**
 * CSV as PostgREST reads it: cassava's decodeByName (Data/Csv/Encoding.hs csvWithHeader, Data/Csv/Parser.hs) on the
 * body's bytes. A header line, then records; a row is zipped with the header (extra fields dropped, missing ones
 * absent — PostgREST's payloadAttributes then wants every row to have the first one's keys); "NULL" is null.
 * Failures are attoparsec's: `parse error (MSG) at "REST"` (REST shown as Haskell shows it, or its first 100 bytes
 * and " (truncated)").
 */
export function parseCsv(text: string): Result<Record<string, Json>[]> {
  const bytes = new TextEncoder().encode(text);
  const n = bytes.length;
  const decode = (from: number, to: number): string => new TextDecoder().decode(bytes.subarray(from, to));
  let pos = 0;
  const field = (): string => {
    if (bytes[pos] === 0x22) {
      pos++;
      // A.scan: after a quote (state true) only another quote continues; the closing quote is dropped.
      const from = pos;
      let afterQuote = false;
      while (pos < n) {
        const c = bytes[pos]!;
        if (c === 0x22) afterQuote = !afterQuote;
        else if (afterQuote) break;
        pos++;
      }
      if (pos === from) throw new CsvFailure('Failed reading: trailing double quote', pos);
      return decode(from, pos - 1).replace(/""/g, '"');
    }
    const from = pos;
    while (
      pos < n &&
      bytes[pos] !== 0x22 &&
      bytes[pos] !== 0x0a &&
      bytes[pos] !== 0x2c &&
      bytes[pos] !== 0x0d
    )
      pos++;
    return decode(from, pos);
  };
  const record = (): string[] => {
    const fields = [field()];
    while (bytes[pos] === 0x2c) {
      pos++;
      fields.push(field());
    }
    return fields;
  };
  // attoparsec's endOfLine: "\n" or "\r\n"; its last alternative fails with "string".
  const endOfLine = (): boolean => {
    if (bytes[pos] === 0x0a) return (pos++, true);
    if (bytes[pos] === 0x0d && bytes[pos + 1] === 0x0a) return ((pos += 2), true);
    return false;
  };
  try {
    const header = record();
    if (!endOfLine()) throw new CsvFailure('string', pos);
    const out: Record<string, Json>[] = [];
    for (;;) {
      const r = record();
      if (!(r.length === 1 && r[0] === '')) {
        // HM.fromList (V.zip hdr v): the shorter side decides, a repeated name keeps its last value.
        const obj: Record<string, Json> = {};
        for (let j = 0; j < Math.min(r.length, header.length); j++)
          obj[header[j]!] = r[j] === 'NULL' ? null : r[j]!;
        out.push(obj);
      }
      if (pos === n) break;
      if (!endOfLine()) throw new CsvFailure('string', pos);
    }
    return ok(out);
  } catch (e) {
    if (!(e instanceof CsvFailure)) throw e;
    const left = bytes.subarray(e.pos);
    const shown =
      left.length > 100
        ? `${new TextDecoder().decode(left.subarray(0, 100))} (truncated)`
        : // Haskell's `show` of the rest as bytes (cassava shows `BL8.unpack` of it): one Char per byte.
          showString(Array.from(left, (b) => String.fromCharCode(b)));
    return err(pgrst.invalidBody(`parse error (${e.msg}) at ${shown}`));
  }
}

function shouldParse(action: Action): boolean {
  if (action.type === 'relation-mut') return action.mutation !== 'delete';
  return action.type === 'routine' && action.invokeMethod.type === 'inv';
}

/**
 * Parses the body for `action`. `columns` is the `columns=` parameter (then a JSON body is kept raw).
 * Returns the payload (null when the action takes none) and the column names (columns= or payload keys).
 */
export function parsePayload(
  body: string | Uint8Array | null | undefined,
  contentType: MediaType,
  queryColumns: string[] | null,
  action: Action,
): Result<{ payload: Payload | null; columns: string[] }> {
  if (!shouldParse(action)) return ok({ payload: null, columns: [] });
  const isProc = action.type === 'routine';
  const columns =
    action.type === 'relation-mut' && (action.mutation === 'create' || action.mutation === 'update')
      ? queryColumns
      : action.type === 'routine' && action.invokeMethod.type === 'inv'
        ? queryColumns
        : null;
  const text = bodyText(body);
  let payload: Payload;
  switch (contentType.type) {
    case 'json': {
      if (columns !== null) {
        payload = { type: 'raw-json', raw: text };
        break;
      }
      let json: Json;
      if (text.length === 0 && isProc) {
        json = {};
      } else {
        try {
          json = JSON.parse(text) as Json;
        } catch {
          return err(pgrst.invalidBody('Empty or invalid json'));
        }
      }
      // An empty RPC body means "no arguments": keep it as "{}" so the executor can bind it.
      const p = payloadAttributes(text.length === 0 ? '{}' : text, json);
      if (p === null) return err(pgrst.invalidBody('All object keys must match'));
      payload = p;
      break;
    }
    case 'csv': {
      const rows = parseCsv(text);
      if (!rows.ok) return rows;
      const raw = JSON.stringify(rows.value);
      const p = payloadAttributes(raw, rows.value);
      if (p === null) return err(pgrst.invalidBody('All lines must have same number of fields'));
      payload = p;
      break;
    }
    case 'urlencoded': {
      const pairs = parseForm(text);
      if (isProc) {
        payload = { type: 'urlencoded', pairs, keys: [...new Set(pairs.map(([k]) => k))].sort() };
      } else {
        // HM.fromList: the last value of a repeated name wins.
        const obj: Record<string, string> = {};
        for (const [k, v] of pairs) obj[k] = v;
        payload = { type: 'json', raw: JSON.stringify(obj), keys: Object.keys(obj).sort() };
      }
      break;
    }
    case 'text':
    case 'xml':
    case 'octet-stream':
      if (!isProc) return err(pgrst.invalidBody(`Content-Type not acceptable: ${toMime(contentType)}`));
      payload = { type: 'raw', raw: text, bytes: bodyBytes(body) };
      break;
    default:
      return err(pgrst.invalidBody(`Content-Type not acceptable: ${toMime(contentType)}`));
  }
  const cols =
    payload.type === 'json' || payload.type === 'urlencoded'
      ? payload.keys
      : payload.type === 'raw-json' && columns !== null
        ? [...new Set(columns)].sort()
        : [];
  return ok({ payload, columns: cols });
}
