/**
 * Every request of the conformance corpus goes through the parser: requests PostgREST rejects while parsing
 * (PGRST100 query syntax, PGRST102 body) must be rejected with that error, every other one must parse.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { conformanceDir } from '../../../test/conformance-dir.js';
import { loadPostgrestConfig } from '../config/load.js';
import { parseApiRequest } from './api-request.js';

type CorpusCase = {
  id: string;
  request: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: unknown;
    bodyText?: string;
  };
  expect: { status: number; body?: unknown; bodyIncludes?: Record<string, unknown> };
};

const dir = conformanceDir;
// The corpus is in the repository (test/conformance-dir refuses a folder without it): never a silent skip.
const cases = JSON.parse(readFileSync(resolve(dir, 'cases.json'), 'utf8')) as CorpusCase[];
/** Codes PostgREST raises while building the ApiRequest (userApiRequest). */
const parseStageCodes = [
  'PGRST100',
  'PGRST101',
  'PGRST102',
  'PGRST103',
  'PGRST106',
  'PGRST114',
  'PGRST117',
  'PGRST125',
  'PGRST126',
];

function expectedCode(c: CorpusCase): string | undefined {
  const b = (c.expect.body ?? c.expect.bodyIncludes) as { code?: unknown } | undefined;
  return typeof b?.code === 'string' ? b.code : undefined;
}

describe('corpus requests through parseApiRequest', () => {
  const config = loadPostgrestConfig({ file: resolve(dir, 'postgrest.conf'), env: {} });
  it.each(cases)('$id', (c) => {
    const body = c.request.body !== undefined ? JSON.stringify(c.request.body) : c.request.bodyText;
    const headers = { ...(c.request.headers ?? {}) };
    if (
      c.request.body !== undefined &&
      !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
    ) {
      headers['Content-Type'] = 'application/json';
    }
    const r = parseApiRequest({ method: c.request.method, target: c.request.path, headers, body }, config!);
    const code = expectedCode(c);
    // offset beyond the rows is only known after counting: PGRST103 of the corpus is the executor's.
    if (code !== undefined && parseStageCodes.includes(code) && c.expect.status !== 416) {
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.error.code).toBe(code);
      expect(r.error.status).toBe(c.expect.status);
      const exp = (c.expect.body ?? c.expect.bodyIncludes) as Record<string, unknown>;
      expect(r.error.toBody()).toMatchObject(exp);
    } else {
      expect(r.ok ? 'parsed' : r.error.toJSON()).toBe('parsed');
    }
  });
});
