import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { planRequest } from '../plan/index.js';
import {
  fixtureSchemaCache,
  request,
  testConfig,
  useFixtureSchemaCache,
  type RequestSpec,
} from '../plan/test-helpers.js';
import { renderPlan } from './index.js';
import { specs } from './render-specs.js';
import type { RenderedStatement } from './types.js';

// Planned against the conformance fixture's model, read from a real database (fixture-schema-cache.ts).
useFixtureSchemaCache();

/** Golden SQL, reviewed against PostgREST's QueryBuilder/Statements output shape. */
const expected = JSON.parse(
  readFileSync(fileURLToPath(new URL('./render.expected.json', import.meta.url)), 'utf8'),
) as Record<string, { sql: string; params: (string | null)[] }>;

function render(spec: RequestSpec): RenderedStatement {
  const req = request(spec);
  const p = planRequest(req, fixtureSchemaCache(), testConfig);
  if (!p.ok) throw new Error(`${p.error.code}: ${p.error.message}`);
  if (p.value.type === 'info') throw new Error('info plan');
  return renderPlan(p.value, {
    preferences: req.preferences,
    topLevelRange: req.topLevelRange,
    onConflictGiven: req.queryParams.onConflict !== null,
    maxRows: null,
  });
}

describe('rendered SQL', () => {
  for (const [name, spec] of Object.entries(specs)) {
    it(name, () => {
      const st = render(spec);
      expect({ sql: st.sql, params: st.params }).toEqual(expected[name]);
      // every placeholder has a parameter, and no request value is inlined
      const used = new Set([...st.sql.matchAll(/\$(\d+)/g)].map((m) => Number(m[1])));
      expect([...used].sort((a, b) => a - b)).toEqual(st.params.map((_, i) => i + 1));
      if (spec.body !== undefined) expect(st.sql).not.toContain(spec.body);
    });
  }
});

describe('statement metadata for the executor', () => {
  it('reads are read-only JSON arrays', () => {
    const st = render(specs['read with a to-one embed and a filter']!);
    expect(st).toMatchObject({
      kind: 'read',
      txMode: 'read',
      media: 'json',
      contentType: 'application/json; charset=utf-8',
      singular: false,
      relationName: 'projects',
      count: null,
      countSql: null,
      range: { offset: 0, limit: null },
    });
  });
  it('ranges come from the top-level range', () => {
    expect(render(specs['many-to-many with embedded order and a range']!).range).toEqual({
      offset: 1,
      limit: 3,
    });
  });
  it('CSV', () => {
    expect(render(specs['csv']!)).toMatchObject({ media: 'csv', contentType: 'text/csv; charset=utf-8' });
  });
  it('writes carry their preferences', () => {
    expect(render(specs['upsert merge-duplicates with representation']!)).toMatchObject({
      kind: 'insert',
      txMode: 'write',
      representation: 'full',
      resolution: 'merge-duplicates',
      preferenceApplied: ['resolution=merge-duplicates', 'return=representation'],
    });
    expect(render(specs['delete minimal']!)).toMatchObject({
      kind: 'delete',
      media: 'none',
      representation: null,
    });
  });
  it('calls know whether they return void', () => {
    expect(render(specs['rpc with query-string arguments']!)).toMatchObject({
      kind: 'call',
      returnsVoid: false,
    });
  });
});
