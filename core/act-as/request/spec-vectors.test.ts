/**
 * Requests from PostgREST's own spec suite whose error bodies PostgREST fixes at parse time: the whole body
 * (code, message, details, hint) and status must match.
 */
import { describe, expect, it } from 'vitest';
import type { ApiRequestConfig } from './api-request.js';
import { parseApiRequest } from './api-request.js';

const config: ApiRequestConfig = {
  dbSchemas: ['test'],
  openApiMode: 'follow-privileges',
  dbRootSpec: null,
  dbTxAllowOverride: false,
};

type Vector = {
  method: string;
  target: string;
  headers?: Record<string, string>;
  body?: string;
  status: number;
  body_: { code: string; message: string; details: string | null; hint: string | null };
};

const pgrst100 = (message: string, details: string) => ({ code: 'PGRST100', message, details, hint: null });
const simple = (code: string, message: string) => ({ code, message, details: null, hint: null });

const vectors: Vector[] = [
  {
    method: 'GET',
    target: '/entities?or=()',
    status: 400,
    body_: pgrst100(
      '"failed to parse logic tree (())" (line 1, column 4)',
      'unexpected ")" expecting field name (* or [a..z0..9_$]), negation operator (not) or logic operator (and, or)',
    ),
  },
  {
    method: 'POST',
    target: '/articles?columns=',
    body: '{}',
    status: 400,
    body_: pgrst100(
      '"failed to parse columns parameter ()" (line 1, column 1)',
      'unexpected end of input expecting field name (* or [a..z0..9_$])',
    ),
  },
  {
    method: 'GET',
    target: '/json_arr?id=eq.10&select=data->(!@#$%^%26*_d->>!@#$%^%26*_e::integer',
    status: 400,
    body_: pgrst100(
      '"failed to parse select parameter (data->(!@#$%^&*_d->>!@#$%^&*_e::integer)" (line 1, column 7)',
      'unexpected "(" expecting "-", digit or any non reserved character different from: .,>()',
    ),
  },
  {
    method: 'GET',
    target: '/json_arr?select=data->>--34',
    status: 400,
    body_: pgrst100(
      '"failed to parse select parameter (data->>--34)" (line 1, column 9)',
      'unexpected "-" expecting digit',
    ),
  },
  {
    method: 'GET',
    target: '/items?order=id.asc.nullslasttt',
    status: 400,
    body_: pgrst100(
      '"failed to parse order (id.asc.nullslasttt)" (line 1, column 17)',
      'unexpected \'t\' expecting "," or end of input',
    ),
  },
  {
    method: 'GET',
    target: '/ghostBusters?id=0',
    status: 400,
    body_: pgrst100(
      '"failed to parse filter (0)" (line 1, column 1)',
      'unexpected "0" expecting "not" or operator (eq, gt, ...)',
    ),
  },
  {
    method: 'POST',
    target: '/articles',
    body: '[{"id": 100, "body": "xxxxx"}, 123, "xxxx", {"id": 111, "body": "xxxx"}]',
    status: 400,
    body_: simple('PGRST102', 'All object keys must match'),
  },
  {
    method: 'POST',
    target: '/articles',
    body: '[{"id": 100, "body": "xxxxx"}, {"id": 111, "body": "xxxx", "owner": "me"}]',
    status: 400,
    body_: simple('PGRST102', 'All object keys must match'),
  },
  {
    method: 'POST',
    target: '/no_pk',
    headers: { 'Content-Type': 'text/csv' },
    body: 'a,b\nfoo,bar\nbaz',
    status: 400,
    body_: simple('PGRST102', 'All lines must have same number of fields'),
  },
  {
    method: 'POST',
    target: '/articles',
    body: '',
    status: 400,
    body_: simple('PGRST102', 'Empty or invalid json'),
  },
  {
    method: 'DELETE',
    target: '/rpc/sayhello',
    status: 405,
    body_: simple('PGRST101', 'Cannot use the DELETE method on RPC'),
  },
  {
    method: 'PUT',
    target: '/tiobe_pls?name=eq.Python&limit=1',
    body: '{"name":"Python"}',
    status: 400,
    body_: simple('PGRST114', 'limit/offset querystring parameters are not allowed for PUT'),
  },
  {
    method: 'GET',
    target: '/a/b/c',
    status: 404,
    body_: simple('PGRST125', 'Invalid path specified in request URL'),
  },
  {
    method: 'GET',
    target: '/items',
    headers: { 'Accept-Profile': 'unknown' },
    status: 406,
    body_: {
      code: 'PGRST106',
      message: 'Invalid schema: unknown',
      details: null,
      hint: 'Only the following schemas are exposed: test',
    },
  },
];

describe('PostgREST spec vectors', () => {
  it.each(vectors)('$method $target', (v) => {
    const r = parseApiRequest(
      { method: v.method, target: v.target, headers: v.headers ?? {}, body: v.body ?? null },
      config,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.status).toBe(v.status);
    expect(r.error.toBody()).toEqual(v.body_);
  });

  it.each([
    '/json_arr?id=eq.10&select=data->!@#$%^%26*_d->>!@#$%^%26*_e::integer',
    '/entities?and=( and ( id.in.( 1, 2, 3 ) , id.eq.3 ) , or ( id.eq.2 , id.eq.3 ) )&select=id',
    '/grandchild_entities?or=(id.in.("1","2"),id.in.("3","4"))&select=id',
    '/json_arr?select=data&data->-1->b->>-1=eq.5',
    '/projects?id=eq.1&select=id, name, tasks(id, name, users(id, name))&tasks.order=name.asc&tasks.users.order=name.desc',
  ])('%s parses', (target) => {
    const r = parseApiRequest({ method: 'GET', target, headers: {} }, config);
    expect(r.ok ? 'ok' : r.error.toJSON()).toBe('ok');
  });
});
