/**
 * Random query strings, headers and bodies thrown at the parser: it must always answer with a value or a
 * PgrstError, never throw.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PgrstError } from '../errors/pgrst-error.js';
import type { ApiRequestConfig } from './api-request.js';
import { parseApiRequest } from './api-request.js';

const config: ApiRequestConfig = {
  dbSchemas: ['api', 'other'],
  openApiMode: 'follow-privileges',
  dbRootSpec: null,
  dbTxAllowOverride: true,
};

// Characters the grammar cares about, so random strings hit interesting paths.
const grammarChars = fc.constantFrom(
  ...'abcxyz019_$ -.,:()!*"\\{}[]<>->=&;%+?@#\t\n\u00e9\u4e2d'.split(''),
  '->',
  '->>',
  '::',
  '...',
  'not.',
  'eq.',
  'in.(',
  'is.',
  'or=(',
  'and(',
  'select=',
  'order=',
  'limit=',
  'offset=',
  '%2',
  '%ZZ',
  '%E9',
);
const grammarText = fc.array(grammarChars, { maxLength: 40 }).map((xs) => xs.join(''));
const method = fc.constantFrom('GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'TRACE', 'get');
const path = fc.oneof(
  fc.constantFrom('/', '/tasks', '/rpc/add', '/a/b/c', '/rpc/', '/%zz', ''),
  grammarText.map((t) => `/${t}`),
);
const headerName = fc.constantFrom(
  'Accept',
  'Content-Type',
  'Prefer',
  'Range',
  'Range-Unit',
  'Accept-Profile',
  'Content-Profile',
  'Cookie',
  'X-Any',
);
const headerValue = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    'application/json',
    'text/csv',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/octet-stream',
    'application/vnd.pgrst.plan+json; for="text/csv"; options=analyze|x',
    'return=representation, handling=strict, foo, max-affected=99999999999999999999',
    '0-9',
    '5-',
    '9-1',
    'api',
    'nope',
  ),
);
const body = fc.oneof(
  fc.constant(null),
  fc.string({ maxLength: 60 }),
  fc.json({ maxDepth: 3 }),
  fc.constantFrom('a,b\n1,2\n"x', 'a,b\n1', 'x=1&y', '[{"a":1},{"b":2}]', '[1,2]', ''),
  fc.uint8Array({ maxLength: 30 }),
);

describe('parseApiRequest fuzz', () => {
  it('returns a value or a PgrstError for any request', () => {
    fc.assert(
      fc.property(
        method,
        path,
        fc.array(
          fc.tuple(
            fc.constantFrom(
              'select',
              'order',
              'or',
              'not.and',
              'id',
              'a.b',
              'limit',
              'items.offset',
              'columns',
              'on_conflict',
              'x->y',
            ),
            grammarText,
          ),
          { maxLength: 5 },
        ),
        fc.array(fc.tuple(headerName, headerValue), { maxLength: 5 }),
        body,
        (m, p, params, headers, b) => {
          const target = params.length === 0 ? p : `${p}?${params.map(([k, v]) => `${k}=${v}`).join('&')}`;
          const r = parseApiRequest({ method: m, target, headers, body: b }, config);
          if (!r.ok) {
            expect(r.error).toBeInstanceOf(PgrstError);
            expect(r.error.status).toBeGreaterThanOrEqual(400);
            expect(r.error.code).toMatch(/^PGRST1[0-9][0-9]$/);
          }
        },
      ),
      { numRuns: 3000 },
    );
  }, 60_000);

  it('raw query strings made of arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'binary' }), (qs) => {
        const r = parseApiRequest({ method: 'GET', target: `/rpc/f?${qs}`, headers: {} }, config);
        if (!r.ok) expect(r.error).toBeInstanceOf(PgrstError);
        const r2 = parseApiRequest({ method: 'GET', target: `/t?${qs}`, headers: {} }, config);
        if (!r2.ok) expect(r2.error).toBeInstanceOf(PgrstError);
      }),
      { numRuns: 2000 },
    );
  }, 60_000);
});
