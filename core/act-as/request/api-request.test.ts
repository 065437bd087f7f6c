import { describe, expect, it } from 'vitest';
import type { ApiRequestConfig } from './api-request.js';
import { parseApiRequest } from './api-request.js';
import { parseQueryParams } from './query-params.js';
import { checkPreferences, parsePreferences, preferenceAppliedHeader } from './preferences.js';
import { decodeMediaType, parseAccept, toMime } from './media-types.js';
import { parsePayload, parseCsv } from './body.js';
import { parseQuery, decodePathSegments } from './url.js';
import type { Action, HttpRequestInput } from './types.js';

const config: ApiRequestConfig = {
  dbSchemas: ['api', 'v2'],
  openApiMode: 'follow-privileges',
  dbRootSpec: null,
  dbTxAllowOverride: true,
};

function req(
  method: string,
  target: string,
  headers: Record<string, string> = {},
  body?: string,
): HttpRequestInput {
  return { method, target, headers, body: body ?? null };
}

function qp(qs: string, rpc = false) {
  const r = parseQueryParams(rpc, qs);
  if (!r.ok) throw new Error(JSON.stringify(r.error.toJSON()));
  return r.value;
}

function qpError(qs: string, rpc = false) {
  const r = parseQueryParams(rpc, qs);
  if (r.ok) throw new Error('expected an error');
  return r.error.toJSON();
}

const f = (name: string, jsonPath: unknown[] = []) => ({ name, jsonPath });

describe('select', () => {
  it.each([
    [
      'id,name',
      [
        { type: 'field', field: f('id') },
        { type: 'field', field: f('name') },
      ],
    ],
    ['project:name', [{ type: 'field', field: f('name'), alias: 'project' }]],
    ['budget::text', [{ type: 'field', field: f('budget'), cast: 'text' }]],
    [
      'settings->langs->>0',
      [
        {
          type: 'field',
          field: f('settings', [
            { arrow: '->', operand: { type: 'key', value: 'langs' } },
            { arrow: '->>', operand: { type: 'idx', value: '+0' } },
          ]),
        },
      ],
    ],
    ['count()', [{ type: 'field', field: f('*'), aggregate: 'count' }]],
    ['budget.sum()::int', [{ type: 'field', field: f('budget'), aggregate: 'sum', aggregateCast: 'int' }]],
    ['*', [{ type: 'field', field: f('*'), alias: null, cast: null }]],
    [
      'assignee:members!tasks_assignee_id_fkey(display_name)',
      [
        {
          type: 'relation',
          relation: 'members',
          alias: 'assignee',
          hint: 'tasks_assignee_id_fkey',
          joinType: null,
          children: [{ type: 'field', field: f('display_name') }],
        },
      ],
    ],
    ['projects!inner(name)', [{ type: 'relation', relation: 'projects', joinType: 'inner', hint: null }]],
    ['...teams(team_name:name)', [{ type: 'spread', relation: 'teams', children: [{ alias: 'team_name' }] }]],
    ['"a,b":"c d"', [{ type: 'field', field: f('c d'), alias: 'a,b' }]],
    ['', []],
  ])('%j', (select, expected) => {
    expect(qp(`select=${encodeURIComponent(select)}`).select).toMatchObject(expected);
  });

  it('PGRST100 with PostgREST texts', () => {
    expect(qpError('select=id,clients(name[])')).toMatchObject({
      status: 400,
      code: 'PGRST100',
      message: '"failed to parse select parameter (id,clients(name[]))" (line 1, column 16)',
      details:
        'unexpected \'[\' expecting letter, digit, "-", "->>", "->", "::", ".", ")", "," or end of input',
    });
  });
});

describe('filters', () => {
  const op = (value: string) => qp(`x=${encodeURIComponent(value)}`).filtersRoot[0]!.opExpr;
  it.each([
    ['eq.1', { negated: false, operation: { type: 'quant', op: 'eq', quantifier: null, value: '1' } }],
    ['not.lt.3', { negated: true, operation: { type: 'quant', op: 'lt', value: '3' } }],
    [
      'like(any).{Fix*,Deploy*}',
      { operation: { type: 'quant', op: 'like', quantifier: 'any', value: '{Fix*,Deploy*}' } },
    ],
    ['eq(all).{a}', { operation: { quantifier: 'all' } }],
    ['in.(2,4,6)', { operation: { type: 'in', values: ['2', '4', '6'] } }],
    ['in.("urgent","o,ps")', { operation: { type: 'in', values: ['urgent', 'o,ps'] } }],
    ['in.("a\\"b")', { operation: { type: 'in', values: ['a"b'] } }],
    ['is.null', { operation: { type: 'is', value: 'null' } }],
    ['is.NOT_NULL', { operation: { type: 'is', value: 'not_null' } }],
    ['is.unknown', { operation: { type: 'is', value: 'unknown' } }],
    ['isdistinct.1', { operation: { type: 'isdistinct', value: '1' } }],
    ['fts(english).index', { operation: { type: 'fts', op: 'fts', language: 'english', value: 'index' } }],
    ['wfts.a -b', { operation: { type: 'fts', op: 'wfts', language: null, value: 'a -b' } }],
    ['cs.{sql}', { operation: { type: 'simple', op: 'cs', value: '{sql}' } }],
    ['sl.[30,40)', { operation: { type: 'simple', op: 'sl' } }],
    ['nxr.[0,20)', { operation: { type: 'simple', op: 'nxr' } }],
    ['adj.[20,40)', { operation: { type: 'simple', op: 'adj' } }],
    ['neq.active', { operation: { type: 'simple', op: 'neq' } }],
    ['gte.4', { operation: { type: 'quant', op: 'gte' } }],
    ['imatch.grohl$', { operation: { type: 'quant', op: 'imatch' } }],
  ])('%s', (value, expected) => expect(op(value)).toMatchObject({ type: 'op', ...expected }));

  it('embedded and json-path filters', () => {
    const q = qp('items.qty=gt.1&settings->>theme=eq.dark');
    expect(q.filtersNotRoot).toMatchObject([{ path: ['items'], filter: { field: f('qty') } }]);
    expect(q.filtersRoot[0]!.field).toEqual(
      f('settings', [{ arrow: '->>', operand: { type: 'key', value: 'theme' } }]),
    );
    expect(q.filterFields).toEqual(['items.qty', 'settings->>theme']);
  });

  it('unknown operator → PGRST100', () => {
    expect(qpError('id=equals.1')).toMatchObject({
      code: 'PGRST100',
      message: '"failed to parse filter (equals.1)" (line 1, column 3)',
      details: 'unexpected "u" expecting operator (eq, gt, ...)',
    });
    expect(qpError('a.b=noop.0')).toMatchObject({
      message: '"failed to parse filter (noop.0)" (line 1, column 1)',
      details: 'unexpected "o" expecting "not" or operator (eq, gt, ...)',
    });
  });

  it('RPC reads turn operator-less values into arguments, repeated names kept', () => {
    const q = qp('nums=1&nums=2&full_name=Ada+Lovelace&id=eq.3', true);
    expect(q.params).toEqual([
      ['nums', '1'],
      ['nums', '2'],
      ['full_name', 'Ada Lovelace'],
    ]);
    expect(q.filtersRoot).toHaveLength(1);
  });
});

describe('logic', () => {
  it('or / nested and / not.or / on embeds', () => {
    const q = qp('or=(priority.eq.1,and(done.is.false,id.eq.9))&not.or=(a.eq.1)&tasks.or=(p.eq.1,p.eq.5)');
    expect(q.logic[0]).toMatchObject({
      path: [],
      tree: {
        type: 'expr',
        negated: false,
        operator: 'or',
        children: [{ type: 'stmnt' }, { type: 'expr', operator: 'and', children: [{}, {}] }],
      },
    });
    expect(q.logic[1]).toMatchObject({ path: [], tree: { negated: true, operator: 'or' } });
    expect(q.logic[2]).toMatchObject({ path: ['tasks'], tree: { operator: 'or' } });
  });

  it('values with quotes and arrays inside logic trees', () => {
    const q = qp(`or=${encodeURIComponent('(name.eq."a,b",tags.cs.{x,y},id.in.(1,2))')}`);
    const kids = (q.logic[0]!.tree as { children: { filter: { opExpr: unknown } }[] }).children;
    expect(kids.map((k) => k.filter.opExpr)).toMatchObject([
      { operation: { value: 'a,b' } },
      { operation: { value: '{x,y}' } },
      { operation: { values: ['1', '2'] } },
    ]);
  });

  it('PGRST100 for a bad tree', () => {
    expect(qpError('or=()')).toMatchObject({
      message: '"failed to parse logic tree (())" (line 1, column 4)',
      details:
        'unexpected ")" expecting field name (* or [a..z0..9_$]), negation operator (not) or logic operator (and, or)',
    });
  });
});

describe('order', () => {
  it.each([
    ['budget.desc.nullslast', [{ type: 'field', field: f('budget'), direction: 'desc', nulls: 'nullslast' }]],
    ['priority.asc,id.desc', [{ direction: 'asc' }, { direction: 'desc' }]],
    ['teams(name).asc', [{ type: 'relation', relation: 'teams', field: f('name'), direction: 'asc' }]],
    ['meta->x', [{ type: 'field', field: { name: 'meta', jsonPath: [{ arrow: '->' }] }, direction: null }]],
  ])('%s', (order, expected) => expect(qp(`order=${order}`).order[0]!.terms).toMatchObject(expected));

  it('embedded order', () => expect(qp('items.order=id.desc').order[0]!.path).toEqual(['items']));

  it('PGRST100 for a bad direction', () => {
    expect(qpError('order=id.ac')).toMatchObject({
      message: '"failed to parse order (id.ac)" (line 1, column 4)',
      details: 'unexpected "c" expecting "asc", "desc", "nullsfirst" or "nullslast"',
    });
  });
});

describe('ranges', () => {
  it.each([
    ['limit=3&offset=2', { limit: { lower: 2, upper: 4 } }],
    ['limit=0', { limit: { lower: 0, upper: -1 } }],
    ['offset=5', { limit: { lower: 5, upper: null } }],
    ['projects.limit=1', { 'projects.limit': { lower: 0, upper: 0 } }],
    ['limit=abc', { limit: { lower: 0, upper: null } }],
  ])('%s', (qs, expected) => expect(qp(qs).ranges).toEqual(expected));

  const top = (qs: string, headers: Record<string, string> = {}, method = 'GET') =>
    parseApiRequest(req(method, `/tasks?${qs}`, headers), config);

  it('Range header intersects limit; ignored for non-GET', () => {
    expect(top('', { Range: '0-1' })).toMatchObject({
      ok: true,
      value: { topLevelRange: { lower: 0, upper: 1 } },
    });
    expect(top('limit=3', { Range: '1-9' })).toMatchObject({
      ok: true,
      value: { topLevelRange: { lower: 1, upper: 2 } },
    });
    expect(top('', { Range: '0-1' }, 'DELETE')).toMatchObject({
      ok: true,
      value: { topLevelRange: { lower: 0, upper: null } },
    });
  });

  it('PGRST103 for a reversed Range or a negative limit; PGRST114 for limits on PUT', () => {
    const reversed = top('', { Range: '5-2' });
    expect(!reversed.ok && reversed.error.toJSON()).toMatchObject({
      status: 416,
      code: 'PGRST103',
      details: 'The lower boundary must be lower than or equal to the upper boundary in the Range header.',
    });
    const negative = top('limit=-1');
    expect(!negative.ok && negative.error.details).toBe('Limit should be greater than or equal to zero.');
    const put = parseApiRequest(req('PUT', '/tasks?id=eq.1&limit=1', {}, '{"id":1}'), config);
    expect(!put.ok && put.error.code).toBe('PGRST114');
  });
});

describe('resource, action and schema', () => {
  const action = (method: string, path: string, headers: Record<string, string> = {}) => {
    const r = parseApiRequest(
      req(
        method,
        path,
        headers,
        method === 'POST' || method === 'PATCH' || method === 'PUT' ? '{}' : undefined,
      ),
      config,
    );
    return r.ok ? r.value.action : r.error.toJSON();
  };
  it.each<[string, string, Partial<Action> | Record<string, unknown>]>([
    ['GET', '/tasks', { type: 'relation-read', qi: { schema: 'api', name: 'tasks' }, headersOnly: false }],
    ['HEAD', '/tasks', { type: 'relation-read', headersOnly: true }],
    ['POST', '/tasks', { type: 'relation-mut', mutation: 'create' }],
    ['PUT', '/tasks', { type: 'relation-mut', mutation: 'single-upsert' }],
    ['PATCH', '/tasks', { type: 'relation-mut', mutation: 'update' }],
    ['DELETE', '/tasks', { type: 'relation-mut', mutation: 'delete' }],
    ['OPTIONS', '/tasks', { type: 'relation-info' }],
    ['GET', '/rpc/add', { type: 'routine', invokeMethod: { type: 'read', headersOnly: false } }],
    ['POST', '/rpc/add', { type: 'routine', invokeMethod: { type: 'inv' } }],
    ['OPTIONS', '/rpc/add', { type: 'routine-info' }],
    ['GET', '/', { type: 'schema-read', schema: 'api' }],
    ['OPTIONS', '/', { type: 'schema-info' }],
    ['GET', '/a%20b', { type: 'relation-read', qi: { schema: 'api', name: 'a b' } }],
    ['PUT', '/rpc/add', { code: 'PGRST101', status: 405, message: 'Cannot use the PUT method on RPC' }],
    ['TRACE', '/tasks', { code: 'PGRST117', status: 405, message: 'Unsupported HTTP method: TRACE' }],
    ['GET', '/a/b', { code: 'PGRST125', status: 404 }],
  ])('%s %s', (method, path, expected) => expect(action(method, path)).toMatchObject(expected));

  it('profiles choose the schema; unknown → PGRST106', () => {
    expect(parseApiRequest(req('GET', '/t', { 'Accept-Profile': 'v2' }), config)).toMatchObject({
      ok: true,
      value: { schema: 'v2', negotiatedByProfile: true },
    });
    const post = parseApiRequest(
      req('POST', '/t', { 'Content-Profile': 'v2', 'Accept-Profile': 'x' }, '{}'),
      config,
    );
    expect(post).toMatchObject({ ok: true, value: { schema: 'v2' } });
    const bad = parseApiRequest(req('GET', '/t', { 'accept-profile': 'nope' }), config);
    expect(!bad.ok && bad.error.toJSON()).toEqual({
      status: 406,
      code: 'PGRST106',
      message: 'Invalid schema: nope',
      details: null,
      hint: 'Only the following schemas are exposed: api, v2',
      headers: {},
    });
  });

  it('disabled OpenAPI root → PGRST126; root spec → routine', () => {
    const r = parseApiRequest(req('GET', '/'), { ...config, openApiMode: 'disabled' });
    expect(!r.ok && r.error.code).toBe('PGRST126');
    const s = parseApiRequest(req('GET', '/'), { ...config, dbRootSpec: { schema: 'api', name: 'root' } });
    expect(s).toMatchObject({ ok: true, value: { action: { type: 'routine', qi: { name: 'root' } } } });
  });

  it('headers (lower-cased, no cookie) and cookies', () => {
    const r = parseApiRequest(
      req('GET', '/t', { 'X-Cf-Trace': 't', Cookie: 'cf_session=s-42; other=1' }),
      config,
    );
    expect(r).toMatchObject({
      ok: true,
      value: {
        headers: [['x-cf-trace', 't']],
        cookies: [
          ['cf_session', 's-42'],
          ['other', '1'],
        ],
      },
    });
  });
});

describe('preferences', () => {
  it('parses and reports invalid ones', () => {
    const p = parsePreferences(
      [
        ['Prefer', 'return=representation, count=exact'],
        ['prefer', 'tx=rollback,foo, max-affected=2'],
      ],
      true,
    );
    expect(p).toMatchObject({
      representation: 'full',
      count: 'exact',
      transaction: 'rollback',
      maxAffected: 2,
      invalid: ['foo'],
    });
    expect(parsePreferences([['prefer', 'tx=rollback']], false).transaction).toBeNull();
    expect(checkPreferences(p).ok).toBe(true);
    const strict = parsePreferences([['prefer', 'handling=strict, foo']], false);
    const c = checkPreferences(strict);
    expect(!c.ok && c.error.toJSON()).toMatchObject({
      status: 400,
      code: 'PGRST122',
      message: 'Invalid preferences given with handling=strict',
      details: 'Invalid preferences: foo',
    });
  });

  it('Preference-Applied value in PostgREST order', () => {
    const p = parsePreferences(
      [['prefer', 'tx=commit, return=minimal, resolution=merge-duplicates, handling=strict, max-affected=5']],
      true,
    );
    expect(preferenceAppliedHeader(p)).toBe(
      'resolution=merge-duplicates, return=minimal, tx=commit, handling=strict, max-affected=5',
    );
  });
});

describe('media types', () => {
  it.each([
    ['application/json', 'application/json'],
    ['Application/JSON; charset=utf-8', 'application/json'],
    ['application/vnd.pgrst.object+json;nulls=stripped', 'application/vnd.pgrst.object+json;nulls=stripped'],
    ['application/vnd.pgrst.object', 'application/vnd.pgrst.object+json'],
    ['application/vnd.pgrst.array+json;nulls=stripped', 'application/vnd.pgrst.array+json;nulls=stripped'],
    [
      'application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|verbose',
      'application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|verbose',
    ],
    ['text/csv', 'text/csv'],
    ['*/*', '*/*'],
    ['application/xml', 'application/xml'],
  ])('%s', (text, mime) => expect(toMime(decodeMediaType(text))).toBe(mime));

  it('Accept ordered by q then specificity', () => {
    expect(parseAccept('text/csv;q=0.5, application/json, */*;q=0.1').map(toMime)).toEqual([
      'application/json',
      'text/csv',
      '*/*',
    ]);
    expect(parseAccept(null)).toEqual([{ type: 'any' }]);
  });
});

describe('payload', () => {
  const create: Action = { type: 'relation-mut', qi: { schema: 'api', name: 't' }, mutation: 'create' };
  const rpc: Action = { type: 'routine', qi: { schema: 'api', name: 'f' }, invokeMethod: { type: 'inv' } };
  it('JSON object / array / invalid / mismatched keys', () => {
    expect(parsePayload('{"b":1,"a":2}', { type: 'json' }, null, create)).toEqual({
      ok: true,
      value: { payload: { type: 'json', raw: '{"b":1,"a":2}', keys: ['a', 'b'] }, columns: ['a', 'b'] },
    });
    expect(parsePayload('[{"a":1},{"a":2}]', { type: 'json' }, null, create)).toMatchObject({ ok: true });
    const bad = parsePayload('{"a":', { type: 'json' }, null, create);
    expect(!bad.ok && bad.error.toJSON()).toEqual({
      status: 400,
      code: 'PGRST102',
      message: 'Empty or invalid json',
      details: null,
      hint: null,
      headers: {},
    });
    const mixed = parsePayload('[{"a":1},{"b":2}]', { type: 'json' }, null, create);
    expect(!mixed.ok && mixed.error.message).toBe('All object keys must match');
    expect(parsePayload('', { type: 'json' }, null, rpc)).toMatchObject({
      ok: true,
      value: { payload: { raw: '{}' } },
    });
  });

  it('columns= keeps the JSON raw', () => {
    expect(parsePayload('[{"a":1,"x":2}]', { type: 'json' }, ['a'], create)).toEqual({
      ok: true,
      value: { payload: { type: 'raw-json', raw: '[{"a":1,"x":2}]' }, columns: ['a'] },
    });
  });

  it("CSV fails where cassava's decodeByName fails, with attoparsec's text", () => {
    const message = (t: string) => {
      const r = parseCsv(t);
      return r.ok ? null : r.error.message;
    };
    expect(message('a,b\n1,"x"y\n')).toBe('parse error (string) at "y\\n"');
    expect(message('a,b')).toBe('parse error (string) at ""');
    expect(message('a,b\n1,"')).toBe('parse error (Failed reading: trailing double quote) at ""');
    expect(message('a\n1\r2é')).toBe('parse error (string) at "\\r2\\195\\169"');
    expect(message('a\n1\r\x0eH\x7f1')).toBe('parse error (string) at "\\r\\SO\\&H\\DEL1"');
    expect(message(`a\n1\r${'x'.repeat(120)}`)).toBe(
      `parse error (string) at \r${'x'.repeat(99)} (truncated)`,
    );
    // An unterminated quote loses its last character; extra fields are dropped, missing ones absent.
    expect(parseCsv('a,b\n1,"xyz')).toEqual({ ok: true, value: [{ a: '1', b: 'xy' }] });
    expect(parseCsv('a,b\n1,2,3\n4\n')).toEqual({ ok: true, value: [{ a: '1', b: '2' }, { a: '4' }] });
    expect(parsePayload('a,b\n1,2\n4\n', { type: 'csv' }, null, create)).toMatchObject({
      ok: false,
      error: { message: 'All lines must have same number of fields' },
    });
  });

  it('CSV and forms', () => {
    expect(parseCsv('a,b\n1,"x,""y"""\n2,NULL\n')).toEqual({
      ok: true,
      value: [
        { a: '1', b: 'x,"y"' },
        { a: '2', b: null },
      ],
    });
    expect(parsePayload('name=Ada+L&age=3', { type: 'urlencoded' }, null, create)).toMatchObject({
      ok: true,
      value: { payload: { type: 'json', raw: '{"name":"Ada L","age":"3"}' } },
    });
    expect(parsePayload('a=1', { type: 'urlencoded' }, null, rpc)).toMatchObject({
      ok: true,
      value: { payload: { type: 'urlencoded', pairs: [['a', '1']] } },
    });
  });

  it('text bodies only for RPC', () => {
    expect(parsePayload('hi', { type: 'text' }, null, rpc)).toMatchObject({
      ok: true,
      value: { payload: { type: 'raw', raw: 'hi' } },
    });
    const r = parsePayload('hi', { type: 'text' }, null, create);
    expect(!r.ok && r.error.message).toBe('Content-Type not acceptable: text/plain');
  });
});

describe('url decoding', () => {
  it('query pairs as http-types splits them', () => {
    expect(parseQuery('a=1&b&c=x+y;d=%41%zz&=v')).toEqual([
      ['a', '1'],
      ['b', null],
      ['c', 'x y'],
      ['d', 'A%zz'],
      ['', 'v'],
    ]);
  });
  it('path segments', () => {
    expect(decodePathSegments('/')).toEqual([]);
    expect(decodePathSegments('/rpc/a+b%2F')).toEqual(['rpc', 'a+b/']);
    expect(decodePathSegments('/a/')).toEqual(['a', '']);
  });
});
