import type { CaseExpect } from './cases.js';

/** A response as the runner sees it: status, header pairs (names as sent) and the body text. */
export interface ObservedResponse {
  readonly status: number;
  readonly headers: readonly (readonly [string, string])[];
  readonly body: string;
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** JSON equality: object key order irrelevant, array order matters, numbers by value. */
export function jsonEqual(a: Json | undefined, b: Json | undefined): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return false;
  if (typeof a === 'number' || typeof b === 'number') return typeof a === typeof b && Number(a) === Number(b);
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b))
    return a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  const ao = a as Record<string, Json>;
  const bo = b as Record<string, Json>;
  const ak = Object.keys(ao);
  if (ak.length !== Object.keys(bo).length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual(ao[k], bo[k]));
}

function headerValues(res: ObservedResponse, name: string): string[] {
  const lower = name.toLowerCase();
  return res.headers.filter(([k]) => k.toLowerCase() === lower).map(([, v]) => v);
}

const short = (s: string, n = 300): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Every difference between what a case expects and what came back; empty means it passed. */
export function compareResponse(expect: CaseExpect, res: ObservedResponse): string[] {
  const diffs: string[] = [];
  if (res.status !== expect.status) diffs.push(`status ${res.status}, expected ${expect.status}`);
  for (const [name, want] of Object.entries(expect.headers ?? {})) {
    const got = headerValues(res, name);
    if (!got.includes(want))
      diffs.push(
        `header ${name}: ${got.length ? JSON.stringify(got.join(', ')) : 'absent'}, expected ${JSON.stringify(want)}`,
      );
  }
  for (const [name, want] of Object.entries(expect.headersContain ?? {})) {
    const got = headerValues(res, name);
    if (!got.some((v) => v.includes(want)))
      diffs.push(
        `header ${name}: ${got.length ? JSON.stringify(got.join(', ')) : 'absent'}, expected to contain ${JSON.stringify(want)}`,
      );
  }
  for (const name of expect.headersAbsent ?? []) {
    const got = headerValues(res, name);
    if (got.length) diffs.push(`header ${name} present (${JSON.stringify(got.join(', '))}), expected absent`);
  }
  if (expect.bodyMatches !== undefined && !new RegExp(expect.bodyMatches).test(res.body))
    diffs.push(`body ${JSON.stringify(short(res.body))} does not match /${expect.bodyMatches}/`);
  if (expect.bodyText !== undefined && res.body !== expect.bodyText)
    diffs.push(`body ${JSON.stringify(short(res.body))}, expected ${JSON.stringify(short(expect.bodyText))}`);
  if (expect.body !== undefined || expect.bodyIncludes !== undefined) {
    let parsed: Json | undefined;
    try {
      parsed = JSON.parse(res.body) as Json;
    } catch {
      diffs.push(`body is not JSON: ${JSON.stringify(short(res.body))}`);
    }
    if (parsed !== undefined && expect.body !== undefined && !jsonEqual(parsed, expect.body as Json))
      diffs.push(`body ${short(JSON.stringify(parsed))}, expected ${short(JSON.stringify(expect.body))}`);
    if (parsed !== undefined && expect.bodyIncludes !== undefined) {
      const obj = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : {};
      for (const [k, want] of Object.entries(expect.bodyIncludes)) {
        if (!jsonEqual(obj[k], want as Json))
          diffs.push(
            `body.${k} ${k in obj ? JSON.stringify(obj[k]) : 'absent'}, expected ${JSON.stringify(want)}`,
          );
      }
    }
  }
  return diffs;
}
