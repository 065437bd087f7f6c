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

/** RFC 4180 CSV (cassava's decodeByName): header row + records; "NULL" becomes null. */
export function parseCsv(text: string): Result<Record<string, Json>[]> {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  let atFieldStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        if (i < text.length && text[i] !== ',' && text[i] !== '\n' && text[i] !== '\r') {
          return err(
            pgrst.invalidBody(
              `parse error (Failed reading: satisfy) at ${JSON.stringify(text.slice(i, i + 20))}`,
            ),
          );
        }
        continue;
      }
      field += c;
      i++;
      continue;
    }
    if (c === '"' && atFieldStart) {
      quoted = true;
      atFieldStart = false;
      i++;
      continue;
    }
    if (c === ',') {
      row.push(field);
      field = '';
      atFieldStart = true;
      i++;
      continue;
    }
    if (c === '\n' || c === '\r') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      atFieldStart = true;
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c;
    atFieldStart = false;
    i++;
  }
  if (quoted) return err(pgrst.invalidBody('parse error (not enough input) at ""'));
  if (!atFieldStart || field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // cassava ignores a trailing empty line.
  const records = rows.filter((r) => !(r.length === 1 && r[0] === ''));
  const header = records[0];
  if (header === undefined) return err(pgrst.invalidBody('parse error (not enough input) at ""'));
  const out: Record<string, Json>[] = [];
  for (const r of records.slice(1)) {
    if (r.length !== header.length)
      return err(pgrst.invalidBody('All lines must have same number of fields'));
    const obj: Record<string, Json> = {};
    header.forEach((h, j) => {
      const v = r[j]!;
      obj[h] = v === 'NULL' ? null : v;
    });
    out.push(obj);
  }
  return ok(out);
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
