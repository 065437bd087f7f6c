import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase, pgServers, superuserQuery, type TempDatabase } from '../../test/pg.js';
import type { CallName } from '../../shared/contract/index.js';
import { createStudioContext, type StudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { fakeEnvironment } from '../connections/test-environment.js';

interface Page {
  columns: { name: string; type: string }[];
  rows: (string | null)[][];
  sql: { sql: string; params: (string | null)[] };
}

/** Values that would break out of a string literal, a LIKE pattern or an identifier if they were pasted in. */
const INJECTION_VALUES = [
  "'; DROP TABLE public.things; --",
  "' OR '1'='1",
  '1 OR 1=1',
  "x'); DELETE FROM public.things; --",
  '$1',
  '$$; DROP TABLE public.things; $$',
  '%',
  '_',
  '\\',
  '\\%',
  '"quoted"',
  "E'\\x27'",
  'naïve ☃ 😀',
  '', // the empty string is not NULL
  '--',
  '/*',
];

const INJECTION_COLUMNS = [
  'id; DROP TABLE public.things',
  'id" OR 1=1 --',
  '"id"',
  'id)',
  '*',
  'ID',
  'label::text',
  '1',
];

describe.each(pgServers())('workbench data view ($label)', (server) => {
  let db: TempDatabase;
  let context: StudioContext;
  let dataDir: string;
  let connectionId: string;
  const url = new URL(server.superuserUri);
  const things = { schema: 'public', name: 'things' };

  const call = async <T = Record<string, unknown>>(name: CallName, input: unknown): Promise<T> => {
    const r = await dispatch(handlers, context, name, input);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };
  const page = (input: Record<string, unknown>) =>
    call<Page>('workbench.data.page', { connectionId, relation: things, ...input });
  const outside = async (sql: string) => (await superuserQuery(server, sql, db.name)).rows;

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_wb_data');
    await superuserQuery(
      server,
      `CREATE TABLE public.things (id int PRIMARY KEY, label text, n int, big bigint GENERATED ALWAYS AS (n::bigint * 1000) STORED);
       INSERT INTO public.things (id, label, n) SELECT g, 'row ' || g, g % 10 FROM generate_series(1, 100000) AS g;
       INSERT INTO public.things (id, label, n) VALUES (-1, NULL, NULL);
       CREATE TABLE public.nokey (a int, b text);
       CREATE VIEW public.things_view AS SELECT id, label FROM public.things;
       CREATE TABLE public.pair (a int, b text, v text, PRIMARY KEY (a, b));
       INSERT INTO public.pair VALUES (1, 'x', 'one'), (1, 'y', 'two'), (2, 'x', 'three');
       ANALYZE public.things;`,
      db.name,
    );
    // one row per injection value, so a literal match has exactly one answer
    for (const [i, v] of INJECTION_VALUES.entries())
      await superuserQuery(
        server,
        `INSERT INTO public.things (id, label, n) VALUES (${200000 + i}, '${v.replaceAll("'", "''")}', 0)`,
        db.name,
      );
    dataDir = mkdtempSync(join(tmpdir(), 'gh-wb-data-'));
    context = createStudioContext({
      mode: 'cli',
      version: 't',
      dataDir,
      manager: { environment: fakeEnvironment() },
    });
    connectionId = (
      await call<{ id: string }>('connections.open', {
        params: {
          host: url.hostname,
          port: Number(url.port),
          user: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
          database: db.name,
          sslmode: 'disable',
        },
      })
    ).id;
  });
  afterAll(async () => {
    await context?.connections.closeAll();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('describes tables, views and keyless tables, saying why those are read-only', async () => {
    const shape = await call<Record<string, unknown>>('workbench.data.shape', {
      connectionId,
      relation: things,
    });
    expect(shape).toMatchObject({ kind: 'table', primaryKey: ['id'], readOnly: null });
    expect(
      (shape.columns as { name: string; generated: boolean }[]).map((c) => [c.name, c.generated]),
    ).toEqual([
      ['id', false],
      ['label', false],
      ['n', false],
      ['big', true],
    ]);
    expect(
      await call('workbench.data.shape', { connectionId, relation: { schema: 'public', name: 'nokey' } }),
    ).toMatchObject({
      readOnly: expect.stringMatching(/no primary key/),
    });
    expect(
      await call('workbench.data.shape', {
        connectionId,
        relation: { schema: 'public', name: 'things_view' },
      }),
    ).toMatchObject({ kind: 'view', readOnly: expect.stringMatching(/view has no primary key/) });
    await expect(
      call('workbench.data.shape', { connectionId, relation: { schema: 'public', name: 'nope' } }),
    ).rejects.toMatchObject({ code: 'GH702' });
  });

  it('pages a 100k-row table by offset and by key, the same rows either way', async () => {
    const first = await page({ limit: 100 });
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]![0]).toBe('-1');
    expect(first.rows[1]).toEqual(['1', 'row 1', '1', '1000']);
    const byOffset = await page({ offset: 100, limit: 100 });
    const byKey = await page({ after: [first.rows[99]![0]], limit: 100 });
    expect(byKey.rows).toEqual(byOffset.rows);
    expect(byKey.sql.sql).toMatch(/\("id"\) > \(\$1\)/);
    expect(byOffset.sql.sql).toMatch(/OFFSET \$2/);
    const deep = await page({ offset: 99_950, limit: 100 });
    expect(deep.rows[0]![0]).toBe('99950');
    expect(deep.rows).toHaveLength(51 + INJECTION_VALUES.length); // ids 99950…100000, then the corpus rows
    expect(await call('workbench.data.count', { connectionId, relation: things })).toMatchObject({
      count: 100_001 + INJECTION_VALUES.length,
      capped: false,
    });
    expect(await call('workbench.data.count', { connectionId, relation: things, limit: 1000 })).toMatchObject(
      {
        count: 1000,
        capped: true,
      },
    );
  });

  it('sorts by a column (PostgreSQL’s NULLS placement: first on desc), the key breaking ties', async () => {
    const r = await page({ sort: [{ column: 'n', direction: 'desc' }], limit: 3 });
    expect(r.rows.map((x) => [x[0], x[2]])).toEqual([
      ['-1', null],
      ['9', '9'],
      ['19', '9'],
    ]);
    expect(r.sql.sql).toMatch(/ORDER BY "n" DESC, "id" ASC LIMIT/);
  });

  it('filters with parameters: every injection value matches only itself, literally', async () => {
    for (const [i, value] of INJECTION_VALUES.entries()) {
      const eq = await page({ filters: [{ column: 'label', op: 'eq', value }], limit: 10 });
      expect(
        eq.rows.map((r) => r[0]),
        `eq ${JSON.stringify(value)}`,
      ).toEqual([String(200000 + i)]);
      if (value.length > 3) expect(eq.sql.sql).not.toContain(value);
      expect(eq.sql.params).toContain(value);
      if (value === '') continue;
      const contains = await page({ filters: [{ column: 'label', op: 'contains', value }], limit: 50 });
      // every hit really contains the text (wildcards in the value are not wildcards)
      for (const row of contains.rows) expect(row[1], `contains ${JSON.stringify(value)}`).toContain(value);
      expect(contains.rows.map((r) => r[0])).toContain(String(200000 + i));
    }
    expect(await outside(`select count(*)::int as n from public.things`)).toEqual([
      { n: 100_001 + INJECTION_VALUES.length },
    ]);
  });

  it('refuses column names that are not columns (never quoting them into SQL)', async () => {
    for (const column of INJECTION_COLUMNS) {
      await expect(page({ filters: [{ column, op: 'eq', value: '1' }] }), column).rejects.toMatchObject({
        code: 'GH702',
      });
      await expect(page({ sort: [{ column, direction: 'asc' }] }), column).rejects.toMatchObject({
        code: 'GH702',
      });
      await expect(
        call('workbench.data.apply', {
          connectionId,
          relation: things,
          changes: [{ kind: 'update', key: { id: '1' }, set: { [column]: 'x' } }],
        }),
        column,
      ).rejects.toMatchObject({ code: 'GH702' });
    }
    const weird = { schema: 'public', name: 'things"; DROP TABLE public.things; --' };
    await expect(call('workbench.data.page', { connectionId, relation: weird })).rejects.toMatchObject({
      code: 'GH702',
    });
    expect(await outside(`select to_regclass('public.things')::text as t`)).toEqual([{ t: 'things' }]);
  });

  it('a filter value of the wrong type is the server’s clear error, not a crash', async () => {
    await expect(page({ filters: [{ column: 'n', op: 'gt', value: 'abc' }] })).rejects.toMatchObject({
      code: 'GH708',
      message: expect.stringMatching(/invalid input syntax for type integer/),
    });
    expect(
      (await page({ filters: [{ column: 'n', op: 'is_null', value: null }] })).rows.map((r) => r[0]),
    ).toEqual(['-1']);
  });

  it('previews and applies a pending change in one transaction, by primary key', async () => {
    const changes = [
      { kind: 'update', key: { id: '1' }, set: { label: "it's edited", n: null } },
      { kind: 'insert', values: { id: '300000', label: 'new' } },
      { kind: 'delete', key: { id: '2' } },
    ];
    const preview = await call<{ statements: { sql: string; params: (string | null)[] }[] }>(
      'workbench.data.preview',
      {
        connectionId,
        relation: things,
        changes,
      },
    );
    expect(preview.statements).toEqual([
      {
        sql: 'UPDATE "public"."things" SET "label" = $1, "n" = $2 WHERE "id" = $3',
        params: ["it's edited", null, '1'],
      },
      { sql: 'INSERT INTO "public"."things" ("id", "label") VALUES ($1, $2)', params: ['300000', 'new'] },
      { sql: 'DELETE FROM "public"."things" WHERE "id" = $1', params: ['2'] },
    ]);
    expect(await call('workbench.data.apply', { connectionId, relation: things, changes })).toMatchObject({
      rowCounts: [1, 1, 1],
    });
    expect(
      await outside(`select id, label, n from public.things where id in (1, 2, 300000) order by id`),
    ).toEqual([
      { id: 1, label: "it's edited", n: null },
      { id: 300000, label: 'new', n: null },
    ]);
  });

  it('applies all or nothing: a row that is gone rolls the whole change back', async () => {
    await expect(
      call('workbench.data.apply', {
        connectionId,
        relation: things,
        changes: [
          { kind: 'update', key: { id: '3' }, set: { label: 'should not stay' } },
          { kind: 'delete', key: { id: '2' } }, // deleted above
        ],
      }),
    ).rejects.toMatchObject({ code: 'GH703', message: expect.stringMatching(/matched 0 rows/) });
    expect(await outside(`select label from public.things where id = 3`)).toEqual([{ label: 'row 3' }]);
    await expect(
      call('workbench.data.apply', {
        connectionId,
        relation: things,
        changes: [{ kind: 'update', key: { id: '3' }, set: { big: '1' } }],
      }),
    ).rejects.toMatchObject({ code: 'GH706' });
  });

  it('edits a composite key row, and refuses edits of read-only relations', async () => {
    const pair = { schema: 'public', name: 'pair' };
    await call('workbench.data.apply', {
      connectionId,
      relation: pair,
      changes: [{ kind: 'update', key: { a: '1', b: 'y' }, set: { v: 'TWO' } }],
    });
    expect(await outside(`select a, b, v from public.pair order by a, b`)).toEqual([
      { a: 1, b: 'x', v: 'one' },
      { a: 1, b: 'y', v: 'TWO' },
      { a: 2, b: 'x', v: 'three' },
    ]);
    const byKey = await call<Page>('workbench.data.page', {
      connectionId,
      relation: pair,
      after: ['1', 'x'],
      limit: 5,
    });
    expect(byKey.rows.map((r) => r.slice(0, 2))).toEqual([
      ['1', 'y'],
      ['2', 'x'],
    ]);
    await expect(
      call('workbench.data.apply', {
        connectionId,
        relation: { schema: 'public', name: 'nokey' },
        changes: [{ kind: 'insert', values: { a: '1' } }],
      }),
    ).rejects.toMatchObject({ code: 'GH706' });
  });

  it('exports the filtered rows as CSV and JSON', async () => {
    const filters = [
      { column: 'id', op: 'lte', value: '3' },
      { column: 'id', op: 'gte', value: '1' },
    ];
    const csv = await call<{ text: string; rows: number }>('workbench.data.export', {
      connectionId,
      relation: things,
      filters,
      format: 'csv',
    });
    expect(csv.text).toBe(`id,label,n,big\r\n1,it's edited,,\r\n3,row 3,3,3000\r\n`);
    const json = await call<{ text: string }>('workbench.data.export', {
      connectionId,
      relation: things,
      filters,
      format: 'json',
    });
    expect(JSON.parse(json.text)).toEqual([
      { id: '1', label: "it's edited", n: null, big: null },
      { id: '3', label: 'row 3', n: '3', big: '3000' },
    ]);
  });
});
