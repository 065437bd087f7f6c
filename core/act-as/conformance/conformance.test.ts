import { describe, expect, it } from 'vitest';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { parseCases } from './cases.js';
import { compareResponse, jsonEqual } from './compare.js';
import { authorizationFor, resolveClaims } from './jwt.js';
import { caseWrites, runCase, wireRequest } from './runner.js';

const secret = 'cf-conformance-jwt-secret-0123456789abcdef';

describe('cases file', () => {
  it('names the file, the case and the field of a bad case', () => {
    const text = JSON.stringify([
      { id: 'x.one', request: { method: 'GET', path: '/a' }, claims: null, expect: {} },
    ]);
    expect(() => parseCases(text, 'c.json')).toThrow(/c\.json: case x\.one: 0\.expect\.status/);
    expect(() => parseCases('{', 'c.json')).toThrow(/c\.json: not JSON/);
  });
  it('rejects duplicate ids', () => {
    const one = { id: 'a', request: { method: 'GET', path: '/a' }, claims: null, expect: { status: 200 } };
    expect(() => parseCases(JSON.stringify([one, one]), 'c.json')).toThrow(/duplicate case id a/);
  });
});

describe('JWTs', () => {
  it('resolves $now±N at any depth', () => {
    expect(resolveClaims({ exp: '$now+30', a: ['$now-5'], s: 'x' }, 1000)).toEqual({
      exp: 1030,
      a: [995],
      s: 'x',
    });
  });
  it('signs HS256 without adding iat; raw and scheme are honoured', async () => {
    const h = await authorizationFor({ role: 'cf_user', sub: 'u' }, undefined, secret);
    expect(h).toMatch(/^Bearer /);
    const token = h!.slice(7);
    expect(decodeProtectedHeader(token)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const { payload } = await jwtVerify(token, new TextEncoder().encode(secret));
    expect(payload).toEqual({ role: 'cf_user', sub: 'u' });
    expect(await authorizationFor(null, { raw: 'Basic x' }, secret)).toBe('Basic x');
    expect(await authorizationFor({ role: 'a' }, { scheme: 'bearer' }, secret)).toMatch(/^bearer /);
    expect(await authorizationFor(null, undefined, secret)).toBeNull();
  });
});

describe('comparison', () => {
  it('compares JSON by value: key order free, array order fixed, numbers by value', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1.0 })).toBe(true);
    expect(jsonEqual([1, 2], [2, 1])).toBe(false);
    expect(jsonEqual({ a: null }, {})).toBe(false);
  });
  it('reports every difference', () => {
    const res = {
      status: 200,
      headers: [['content-range', '0-1/*'] as const, ['X', 'abc'] as const],
      body: '[1]',
    };
    expect(compareResponse({ status: 200, headers: { 'Content-Range': '0-1/*' }, body: [1] }, res)).toEqual(
      [],
    );
    const diffs = compareResponse(
      {
        status: 201,
        headers: { 'Content-Range': '*/*' },
        headersAbsent: ['x'],
        headersContain: { X: 'zz' },
        body: [2],
      },
      res,
    );
    expect(diffs).toHaveLength(5);
    expect(
      compareResponse({ status: 200, bodyIncludes: { code: 'P1' } }, { ...res, body: '{"code":"P1","x":1}' }),
    ).toEqual([]);
    expect(compareResponse({ status: 200, bodyText: '' }, { ...res, body: '' })).toEqual([]);
  });
});

describe('wire requests', () => {
  it('adds Authorization and the implied JSON content type', async () => {
    const step = {
      request: { method: 'POST', path: '/t', headers: {}, body: { a: 1 } },
      claims: { role: 'r' },
      expect: { status: 201 },
    };
    const w = await wireRequest(step, secret);
    expect(w.body).toBe('{"a":1}');
    expect(w.headers.map(([k]) => k)).toEqual(['Authorization', 'Content-Type']);
    expect(
      caseWrites({
        id: 'a',
        request: { method: 'GET', path: '/', headers: {} },
        claims: null,
        expect: { status: 200 },
      }),
    ).toBe(false);
  });
});

describe('runCase', () => {
  const dbs = {
    readDatabase: async () => 'read',
    copy: async () => 'copy',
    drop: async () => undefined,
  };
  const c = {
    id: 'x.hang',
    request: { method: 'GET', path: '/', headers: {} },
    claims: null,
    expect: { status: 200 },
  };
  it('fails a case that hangs, and reports a known deviation as such', async () => {
    const hang = { answer: () => new Promise<never>(() => undefined), release: async () => undefined };
    const r = await runCase(c, hang, dbs, { jwtSecret: secret, knownDeviations: {}, caseTimeoutMs: 50 });
    expect(r).toMatchObject({ outcome: 'fail', differences: ['timed out after 50 ms'] });
    const wrong = {
      answer: async () => ({ status: 500, headers: [], body: '' }),
      release: async () => undefined,
    };
    const known = { 'x.hang': { source: 'src/x.hs:1', reason: 'why' } };
    const k = await runCase(c, wrong, dbs, { jwtSecret: secret, knownDeviations: known });
    expect(k).toMatchObject({ outcome: 'known', known: known['x.hang'] });
  });
});
