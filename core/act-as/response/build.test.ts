import { describe, expect, it } from 'vitest';
import type { ResultSet } from '../execute/result-set.js';
import type { RenderedStatement } from '../render/types.js';
import { buildResponse } from './build.js';
import { contentRange, rangeStatus } from './range-header.js';

const st = (over: Partial<RenderedStatement>): RenderedStatement => ({
  sql: '',
  params: [],
  kind: 'read',
  txMode: 'read',
  media: 'json',
  contentType: 'application/json; charset=utf-8',
  singular: false,
  relationName: 'tasks',
  headersOnly: false,
  count: null,
  countSql: null,
  countParams: [],
  range: { offset: 0, limit: null },
  representation: null,
  resolution: null,
  returnsVoid: false,
  maxAffected: null,
  preferenceApplied: [],
  explain: null,
  ...over,
});
const rs = (over: Partial<ResultSet>): ResultSet => ({
  tableTotal: null,
  queryTotal: 0,
  location: [],
  body: '',
  gucHeaders: null,
  gucStatus: null,
  inserted: null,
  ...over,
});
const build = (s: RenderedStatement, r: ResultSet) =>
  buildResponse({
    statement: s,
    resultSet: r,
    schema: 'api',
    negotiatedByProfile: false,
    canonicalQuery: 'a=1',
    verbosity: 'verbose',
  });
const header = (res: { headers: readonly (readonly [string, string])[] }, n: string) =>
  res.headers.find(([k]) => k.toLowerCase() === n.toLowerCase())?.[1];

describe('Content-Range and range status', () => {
  it('follows PostgREST', () => {
    expect(contentRange(0, 9, null)).toBe('0-9/*');
    expect(contentRange(1, 0, null)).toBe('*/*');
    expect(contentRange(0, -1, 0)).toBe('*/0');
    expect(rangeStatus(0, 2, 10)).toEqual({ status: 206, contentRange: '0-1/10' });
    expect(rangeStatus(20, 0, 10)).toEqual({ status: 416, contentRange: '*/10' });
    expect(rangeStatus(0, 5, 5).status).toBe(200);
  });
});

describe('responses', () => {
  it('read: body byte for byte, Content-Location, Content-Length in bytes, Vary', () => {
    const res = build(st({}), rs({ queryTotal: 1, body: '[{"n":"é"}]' }));
    expect(res.status).toBe(200);
    expect(res.body).toBe('[{"n":"é"}]');
    expect(header(res, 'Content-Length')).toBe('12');
    expect(header(res, 'Content-Location')).toBe('/tasks?a=1');
    expect(header(res, 'Vary')).toBe('Accept, Prefer, Range');
  });
  it('read past the end: 416 with the PGRST103 body', () => {
    const res = build(st({ range: { offset: 20, limit: null } }), rs({ tableTotal: 10 }));
    expect(res.status).toBe(416);
    expect(JSON.parse(res.body)).toMatchObject({ code: 'PGRST103' });
  });
  it('insert: Location from the key, no body unless return=representation', () => {
    const res = build(
      st({ kind: 'insert', representation: 'headers-only' }),
      rs({ queryTotal: 1, location: [['id', 'eq.11']] }),
    );
    expect(res.status).toBe(201);
    expect(header(res, 'Location')).toBe('/tasks?id=eq.11');
    expect(header(res, 'Content-Type')).toBeUndefined();
    expect(res.body).toBe('');
  });
  it('upsert with merge-duplicates that only updated: 200', () => {
    const res = build(
      st({ kind: 'insert', resolution: 'merge-duplicates', representation: 'full' }),
      rs({ inserted: 0 }),
    );
    expect(res.status).toBe(200);
  });
  it('response.status / response.headers GUCs override', () => {
    const res = build(st({}), rs({ gucStatus: '418', gucHeaders: '[{"X-A":"1"},{"Content-Range":"x"}]' }));
    expect(res.status).toBe(418);
    expect(header(res, 'X-A')).toBe('1');
    expect(res.headers.filter(([k]) => k === 'Content-Range')).toEqual([['Content-Range', 'x']]);
    const bad = build(st({}), rs({ gucHeaders: '{"X":"1"}' }));
    expect(bad.status).toBe(500);
    expect(JSON.parse(bad.body)).toMatchObject({ code: 'PGRST111' });
  });
  it('void RPC: 204 without Content-Type or Content-Length', () => {
    const res = build(st({ kind: 'call', returnsVoid: true }), rs({ tableTotal: 0 }));
    expect(res.status).toBe(204);
    expect(header(res, 'Content-Type')).toBeUndefined();
    expect(header(res, 'Content-Length')).toBeUndefined();
  });
});
