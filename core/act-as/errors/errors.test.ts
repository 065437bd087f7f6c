import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceDir } from '../../../test/conformance-dir.js';
import { pgrst } from './codes.js';
import { parseRaisePgrst, pgError, pgErrorStatus } from './pg-status.js';
import { PgrstError } from './pgrst-error.js';
import { attempt, err, ok, unwrap } from './result.js';

describe('pgErrorStatus', () => {
  it.each<[string, string, boolean, number]>([
    ['23503', 'fk', true, 409],
    ['23505', 'dup', true, 409],
    ['25006', 'read-only', true, 405],
    ['42501', 'permission denied', false, 401],
    ['42501', 'permission denied', true, 403],
    ['P0001', 'raise', true, 400],
    ['PT402', 'Upgrade required', true, 402],
    ['PT451', 'blocked', false, 451],
    ['PTabc', 'x', true, 500],
    ['42883', 'function nope() does not exist', true, 404],
    ['42883', 'function xmlagg(text) does not exist', true, 406],
    ['42P01', 'relation', true, 404],
    ['42P17', 'recursion', true, 500],
    ['22023', 'role "cf_nobody" does not exist', true, 401],
    ['22023', 'invalid value', true, 400],
    ['21000', 'UPDATE requires a WHERE clause', true, 400],
    ['21000', 'more than one row', true, 500],
    ['08006', 'conn', true, 503],
    ['09000', 'trigger', true, 500],
    ['0L000', 'grantor', true, 403],
    ['0P000', 'role spec', true, 403],
    ['25P02', 'aborted', true, 500],
    ['28000', 'auth', true, 403],
    ['2D000', 'tx termination', true, 500],
    ['38000', 'ext', true, 500],
    ['39000', 'ext', true, 500],
    ['3B000', 'savepoint', true, 500],
    ['40001', 'serialization', true, 500],
    ['53400', 'config limit', true, 500],
    ['53100', 'disk full', true, 503],
    ['54000', 'too complex', true, 500],
    ['55000', 'prereq', true, 500],
    ['57P01', 'admin shutdown', true, 503],
    ['57014', 'canceled', true, 500],
    ['58000', 'system', true, 500],
    ['F0000', 'conf', true, 500],
    ['HV000', 'fdw', true, 500],
    ['P0002', 'no data', true, 500],
    ['XX000', 'internal', true, 500],
    ['42703', 'column does not exist', true, 400],
    ['22P02', 'invalid input', true, 400],
  ])('%s %s authed=%s → %i', (code, message, authed, status) => {
    expect(pgErrorStatus({ code, message }, authed)).toBe(status);
  });

  it('401 carries WWW-Authenticate: Bearer; details/hint pass through; PT sets the reason phrase', () => {
    const e = pgError({ code: '42501', message: 'permission denied for table members' }, false);
    expect(e.toJSON()).toEqual({
      status: 401,
      code: '42501',
      message: 'permission denied for table members',
      details: null,
      hint: null,
      headers: { 'WWW-Authenticate': 'Bearer' },
    });
    const pt = pgError(
      {
        code: 'PT402',
        message: 'Upgrade required',
        detail: 'Free tier limit reached',
        hint: 'Contact sales',
      },
      true,
    );
    expect(pt.toBody()).toEqual({
      code: 'PT402',
      message: 'Upgrade required',
      details: 'Free tier limit reached',
      hint: 'Contact sales',
    });
    expect(pt.statusText).toBe('Upgrade required');
  });

  it("RAISE SQLSTATE 'PGRST' gives full control; malformed JSON → PGRST121", () => {
    const e = pgError(
      {
        code: 'PGRST',
        message:
          '{"code":"CF001","message":"Custom failure","details":"Full control","hint":"Check the headers"}',
        detail: '{"status":409,"headers":{"X-Cf":"1"}}',
      },
      true,
    );
    expect(e.status).toBe(409);
    expect(e.toBody()).toEqual({
      code: 'CF001',
      message: 'Custom failure',
      details: 'Full control',
      hint: 'Check the headers',
    });
    expect(e.headers).toEqual({ 'X-Cf': '1' });
    const bad = parseRaisePgrst('not json', null);
    expect(bad instanceof PgrstError && bad.toJSON()).toMatchObject({
      status: 500,
      code: 'PGRST121',
      details: "Invalid JSON value for MESSAGE: 'not json'",
    });
    const noDetail = parseRaisePgrst('{"code":"a","message":"b"}', null);
    expect(noDetail instanceof PgrstError && noDetail.details).toBe(
      'DETAIL is missing in the RAISE statement',
    );
  });
});

describe('PostgREST error constructors', () => {
  it.each<[PgrstError, number, Record<string, unknown>]>([
    [
      pgrst.singularity(5),
      406,
      {
        code: 'PGRST116',
        message: 'Cannot coerce the result to a single JSON object',
        details: 'The result contains 5 rows',
      },
    ],
    [
      pgrst.invalidRange({ kind: 'out-of-bounds', lower: '20', total: '10' }),
      416,
      { code: 'PGRST103', details: 'An offset of 20 was requested, but there are only 10 rows.' },
    ],
    [
      pgrst.mediaType(['application/xml']),
      406,
      { code: 'PGRST107', message: 'None of these media types are available: application/xml' },
    ],
    [
      pgrst.notEmbedded('tasks'),
      400,
      { code: 'PGRST108', hint: "Verify that 'tasks' is included in the 'select' query parameter." },
    ],
    [
      pgrst.aggregatesNotAllowed(),
      400,
      { code: 'PGRST123', message: 'Use of aggregate functions is not allowed' },
    ],
    [pgrst.maxAffectedViolation(3), 400, { code: 'PGRST124', details: 'The query affects 3 rows' }],
    [pgrst.invalidPreferences(['foo']), 400, { code: 'PGRST122', details: 'Invalid preferences: foo' }],
    [
      pgrst.columnNotFound('tasks', 'colour'),
      400,
      { code: 'PGRST204', message: "Could not find the 'colour' column of 'tasks' in the schema cache" },
    ],
    [
      pgrst.tableNotFound('api', 'teamz', null),
      404,
      {
        code: 'PGRST205',
        message: "Could not find the table 'api.teamz' in the schema cache",
        details: null,
      },
    ],
    [
      pgrst.noRelBetween('teams', 'labels', null, 'api', null),
      400,
      {
        code: 'PGRST200',
        message: "Could not find a relationship between 'teams' and 'labels' in the schema cache",
        details:
          "Searched for a foreign key relationship between 'teams' and 'labels' in the schema 'api', but no matches were found.",
      },
    ],
    [
      pgrst.noRpc('api', 'nope', [], 'json', false, null),
      404,
      {
        code: 'PGRST202',
        message: 'Could not find the function api.nope without parameters in the schema cache',
        details:
          'Searched for the function api.nope without parameters, but no matches were found in the schema cache.',
      },
    ],
    [
      pgrst.noRpc('api', 'f', ['a', 'b'], 'json', true, null),
      404,
      {
        message: 'Could not find the function api.f(a, b) in the schema cache',
        details:
          'Searched for the function api.f with parameters a, b or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache.',
      },
    ],
    [pgrst.jwtClaims('expired'), 401, { code: 'PGRST303', message: 'JWT expired' }],
    [
      pgrst.jwtDecode({ kind: 'key-error', details: 'None of the keys was able to decode the JWT' }),
      401,
      { code: 'PGRST301', message: 'No suitable key or wrong key type' },
    ],
    [pgrst.jwtTokenRequired(), 401, { code: 'PGRST302', message: 'Anonymous access is disabled' }],
    [pgrst.jwtSecretMissing(), 500, { code: 'PGRST300', message: 'Server lacks JWT secret' }],
  ])('%#', (e, status, body) => {
    expect(e.status).toBe(status);
    expect(e.toBody()).toMatchObject(body);
  });

  it('headers of every error response', () => {
    expect(pgrst.jwtClaims('expired').responseHeaders()).toEqual({
      'Content-Type': 'application/json; charset=utf-8',
      'Proxy-Status': 'PostgREST; error=PGRST303',
      'WWW-Authenticate': 'Bearer error="invalid_token", error_description="JWT expired"',
    });
  });

  const dir = conformanceDir;
  it('PostgREST-generated bodies of the corpus match the constructors', () => {
    const cases = JSON.parse(readFileSync(resolve(dir, 'cases.json'), 'utf8')) as {
      id: string;
      expect: { status: number; body?: Record<string, unknown> };
    }[];
    const byId = Object.fromEntries(cases.map((c) => [c.id, c.expect]));
    const pairs: [string, PgrstError][] = [
      ['page.offset-out-of-range', pgrst.invalidRange({ kind: 'out-of-bounds', lower: '20', total: '10' })],
      ['repr.singular-zero', pgrst.singularity(0)],
      ['repr.unsupported-accept', pgrst.mediaType(['application/xml'])],
      ['embed.filter-not-embedded', pgrst.notEmbedded('tasks')],
      ['embed.aggregates-disabled', pgrst.aggregatesNotAllowed()],
      ['insert.unknown-column', pgrst.columnNotFound('tasks', 'colour')],
      ['insert.invalid-json', pgrst.invalidBody('Empty or invalid json')],
      ['update.max-affected', pgrst.maxAffectedViolation(3)],
      ['prefer.strict-invalid', pgrst.invalidPreferences(['foo'])],
      ['auth.expired', pgrst.jwtClaims('expired')],
    ];
    for (const [id, e] of pairs) {
      const x = byId[id];
      if (x === undefined) continue;
      expect(e.status, id).toBe(x.status);
      expect(e.toBody(), id).toEqual(x.body);
    }
  });
});

describe('Result helpers', () => {
  it('attempt catches only PgrstError', () => {
    expect(attempt(() => 1)).toEqual(ok(1));
    const e = pgrst.aggregatesNotAllowed();
    expect(attempt(() => unwrap(err(e)))).toEqual(err(e));
    expect(() => attempt(() => JSON.parse('{'))).toThrow(SyntaxError);
  });
});
