import { describe, expect, it } from 'vitest';
import { compareResponses, compareSummary, oddOnes } from './compare.js';
import { toCurl, toCorpusCase } from './exporters.js';
import { inlineParams, mainStatement } from './trace.js';

const json = [['Content-Type', 'application/json; charset=utf-8']] as const;
const res = (persona: string, status: number, body: unknown) => ({
  persona,
  status,
  headers: json,
  body: JSON.stringify(body),
});

describe('compare personas', () => {
  it('marks rows only some personas see and differing cells', () => {
    const r = compareResponses([
      res('alice', 200, [{ id: 1, user_id: 'alice', status: 'open' }]),
      res('admin', 200, [
        { id: 1, user_id: 'alice', status: 'paid' },
        { id: 2, user_id: 'bob', status: 'open' },
      ]),
    ]);
    expect(r.keyColumn).toBe('id');
    expect(r.statusesDiffer).toBe(false);
    expect(r.rows!.map((x) => [x.key, x.partial, x.differingColumns])).toEqual([
      ['1', false, ['status']],
      ['2', true, []],
    ]);
    expect(r.rows![1]!.cells[0]).toBeNull();
  });
  it('flags different statuses; an error answer sees no rows', () => {
    const r = compareResponses([
      res('anon', 401, { code: '42501', message: 'permission denied for table orders' }),
      res('admin', 200, [{ id: 1 }]),
    ]);
    expect(r.statusesDiffer).toBe(true);
    expect(r.rows!).toHaveLength(1);
    expect(r.rows![0]!.partial).toBe(true);
  });
  it('matches rows without a key column by content', () => {
    const r = compareResponses([res('a', 200, [{ n: 'x' }, { n: 'y' }]), res('b', 200, [{ n: 'y' }])]);
    expect(r.keyColumn).toBeNull();
    expect(r.rows!.filter((x) => x.partial)).toHaveLength(1);
  });
  it('falls back to text comparison for non-tabular bodies', () => {
    const r = compareResponses([
      { persona: 'a', status: 200, headers: [['Content-Type', 'text/plain']], body: 'x' },
      { persona: 'b', status: 200, headers: [['Content-Type', 'text/plain']], body: 'y' },
    ]);
    expect(r.rows).toBeNull();
    expect(r.bodiesDiffer).toBe(true);
  });
});

describe('exports', () => {
  const req = {
    method: 'POST',
    path: '/orders?select=id',
    headers: [['Prefer', 'return=representation']] as const,
    body: '{"status":"open"}',
  };
  it('writes curl with the token and quoting', () => {
    const s = toCurl(
      'http://localhost:3000/',
      req,
      { type: 'claims', claims: { role: 'app_user' } },
      'a.b.c',
    );
    expect(s).toBe(
      "curl -i -X POST 'http://localhost:3000/orders?select=id' -H 'Authorization: Bearer a.b.c' -H 'Prefer: return=representation' -H 'Content-Type: application/json' --data-binary '{\"status\":\"open\"}'",
    );
    expect(toCurl('http://h', { ...req, method: 'GET', body: "it's" }, { type: 'anon' }, null)).toContain(
      `'it'\\''s'`,
    );
  });
  it('writes a corpus case with claims and an error expectation by code', () => {
    const c = toCorpusCase({
      id: 'rls.insert-other',
      note: 'n',
      request: req,
      persona: { type: 'claims', claims: { role: 'app_user', sub: 'alice' } },
      response: {
        status: 403,
        headers: [['Content-Type', 'application/json; charset=utf-8']],
        body: '{"code":"42501","message":"new row violates"}',
      },
    });
    expect(c).toMatchObject({
      id: 'rls.insert-other',
      family: 'rls',
      claims: { role: 'app_user', sub: 'alice' },
      request: { method: 'POST', path: '/orders?select=id', body: { status: 'open' } },
      expect: { status: 403, bodyIncludes: { code: '42501' } },
    });
  });
});

describe('trace', () => {
  it('finds the main statement and inlines parameters', () => {
    const trace = [
      { sql: 'BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY', params: [], ms: 0 },
      { sql: 'select set_config($1, $2, true)', params: ['role', 'x'], ms: 0 },
      { sql: 'select "app"."pre"()', params: [], ms: 0 },
      {
        sql: 'WITH s AS (SELECT $1::text AS a, $10 AS b) SELECT * FROM s',
        params: ["o'k", null, '', '', '', '', '', '', '', 'ten'],
        ms: 1,
      },
      { sql: 'ROLLBACK', params: [], ms: 0 },
    ];
    const main = mainStatement(trace, { schema: 'app', name: 'pre' })!;
    expect(main.sql).toContain('WITH s');
    expect(inlineParams(main.sql, main.params)).toBe(
      "WITH s AS (SELECT 'o''k'::text AS a, 'ten' AS b) SELECT * FROM s",
    );
  });
});

describe('oddOnes', () => {
  it('marks the statuses that are not the most common, a tie going to the first met', () => {
    expect(oddOnes([401, 200, 200])).toEqual([true, false, false]);
    expect(oddOnes([200, 403])).toEqual([false, true]);
    expect(oddOnes([200, 200])).toEqual([false, false]);
  });
});

describe('compareSummary', () => {
  const input = (persona: string, status: number, rows: unknown[]) => ({
    persona,
    status,
    headers: [['Content-Type', 'application/json']] as const,
    body: JSON.stringify(rows),
  });
  it('counts the rows only some see and those whose values differ', () => {
    const c = compareResponses([
      input('alice', 200, [
        { id: 1, s: 'a' },
        { id: 2, s: 'b' },
      ]),
      input('admin', 200, [
        { id: 1, s: 'a' },
        { id: 2, s: 'B' },
        { id: 3, s: 'c' },
      ]),
    ]);
    expect(compareSummary(c)).toBe(
      'Every persona gets 200. 1 row seen by only some personas, 1 row with different values.',
    );
  });
  it('says when everyone sees the same rows', () => {
    const c = compareResponses([input('a', 200, [{ id: 1 }]), input('b', 200, [{ id: 1 }])]);
    expect(compareSummary(c)).toBe('Every persona gets 200. Every persona sees the same 1 row.');
  });
});
