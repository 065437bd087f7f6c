import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Catalog, Column, TypeRef } from '../../shared/model/catalog.js';
import { INJECTION_NAMES } from '../../shared/sql/injection-names.js';
import { createTempDatabase, pgServers, type TempDatabase } from '../../test/pg.js';
import { createCollation } from './collations.js';
import { createStatistics, setStatisticsTarget } from './statistics.js';
import {
  addConstraint,
  addEnumValue,
  columnAttributeStatements,
  commentOn,
  createCompositeType,
  createDomain,
  createForeignTable,
  createEnum,
  createIndex,
  createMaterializedView,
  createRoutine,
  createSchema,
  createSequence,
  createTable,
  createTrigger,
  createView,
  ddlForDatabase,
  quoteIdent,
  quoteLiteral,
  quoteQualified,
  relationTarget,
  renameEnumValue,
  sequenceOwnedBy,
  toScript,
  type RoutineSpec,
  type Statement,
} from './index.js';
import { databaseParts } from './testing/normalise.js';
import { readModel, runScript, runStatements, suffixed } from './testing/run.js';

/** A type use as builders read it: only `formatted` matters to them. */
const type = (formatted: string): TypeRef => ({
  oid: 0,
  schema: '',
  name: formatted,
  formatted,
  kind: 'base',
  isArray: false,
  elementOid: null,
});

const column = (name: string, formatted: string, extra: Partial<Column> = {}): Column => ({
  origin: null,
  name,
  position: 0,
  comment: null,
  source: null,
  type: type(formatted),
  notNull: false,
  default: null,
  identity: null,
  generated: null,
  generation: null,
  collation: null,
  ...extra,
});

function routine(schema: string, name: string, extra: Partial<RoutineSpec>): RoutineSpec {
  return {
    schema,
    name,
    kind: 'function',
    identityArgs: '',
    argumentsText: '',
    returns: {
      type: type('text'),
      setOf: false,
      isComposite: false,
      isTable: false,
      relation: null,
      columns: [],
      text: 'text',
    },
    volatility: 'immutable',
    securityDefiner: false,
    strict: false,
    leakproof: false,
    parallel: 'safe',
    language: 'sql',
    config: [],
    source: 'SELECT 1',
    cost: 100,
    rows: 0,
    ...extra,
  };
}

// Objects of every kind named with every injection name (quotes, backslashes, $$, Unicode, keywords, 63 bytes…),
// created through the builders, read back through the catalog, and written again by ddlForDatabase.
describe.each(pgServers())('objects named with the injection corpus on $label', (server) => {
  let db: TempDatabase;
  let model: Catalog;
  const names = INJECTION_NAMES;
  const tag = (n: string, t: string) => suffixed(n, t);

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_inj');
    const out: Statement[] = [];
    // Wrappers and servers are not in the model (nor written): both databases get them here.
    await runScript(db.uri, servers());
    for (const [i, n] of names.entries()) {
      const s = n;
      const q = (x: string) => quoteQualified(s, x);
      out.push(createSchema({ name: s }));
      out.push(
        createCollation({
          schema: s,
          name: n,
          owner: '',
          provider: 'libc',
          deterministic: true,
          locale: null,
          collate: 'C',
          ctype: 'C',
          icuRules: null,
          version: null,
          comment: null,
          extension: null,
        }),
      );
      out.push(createEnum({ schema: s, name: tag(n, 'e'), labels: [n, 'b'] }));
      out.push(addEnumValue(s, tag(n, 'e'), 'a', { before: 'b' }));
      out.push(renameEnumValue(s, tag(n, 'e'), 'a', tag(n, 'a')));
      out.push(
        createDomain({
          schema: s,
          name: tag(n, 'd'),
          domain: {
            baseType: type('text'),
            notNull: false,
            default: quoteLiteral(n),
            constraints: [
              {
                name: n,
                definition: `CHECK ((VALUE <> ${quoteLiteral(n)}))`,
                notNull: false,
                validated: true,
              },
            ],
          },
        }),
      );
      out.push(
        createCompositeType({
          schema: s,
          name: tag(n, 'c'),
          attributes: [{ name: n, position: 1, type: type(q(tag(n, 'e'))) }],
        }),
      );
      out.push(
        createSequence({
          schema: s,
          name: tag(n, 's'),
          dataType: 'bigint',
          start: '5',
          increment: '2',
          min: '1',
          max: '1000',
          cache: '1',
          cycle: i % 2 === 0,
        }),
      );
      out.push(
        createTable({
          schema: s,
          name: n,
          kind: 'table',
          partitionKey: null,
          options: ['fillfactor=70'],
          columns: [
            column(n, 'integer', { identity: 'by_default', notNull: true }),
            column(tag(n, 'm'), q(tag(n, 'e')), { default: `${quoteLiteral(n)}::${q(tag(n, 'e'))}` }),
            column(tag(n, 'd'), q(tag(n, 'd'))),
            column(tag(n, 'g'), 'text', { generated: 'stored', generation: `upper(${quoteIdent(n)}::text)` }),
            column(tag(n, 's'), 'bigint', { default: `nextval(${quoteLiteral(q(tag(n, 's')))}::regclass)` }),
            column(tag(n, 'l'), 'text', { collation: n, collationSchema: s }),
          ],
          constraints: [
            {
              name: n,
              kind: 'check',
              inherited: false,
              columns: [],
              definition: `CHECK ((${quoteIdent(n)} > 0))`,
              foreignKey: null,
              deferrable: false,
              deferred: false,
              validated: true,
              index: null,
              comment: null,
            },
          ],
        }),
      );
      // plain inheritance, and a foreign table on a server named like everything else
      out.push(
        createTable({
          schema: s,
          name: tag(n, 'h'),
          kind: 'table',
          partitionKey: null,
          options: [],
          inherits: [{ schema: s, name: n }],
          columns: [column(n, 'integer', { notNull: true }), column(tag(n, 'x'), 'text')],
          constraints: [],
        }),
        createForeignTable({
          schema: s,
          name: tag(n, 'f'),
          columns: [column(n, 'integer')],
          constraints: [],
          foreignTable: { server: n, options: [`${n}=${n}`, 'x=1'] },
        }),
      );
      out.push(sequenceOwnedBy(s, tag(n, 's'), { schema: s, table: n, column: tag(n, 's') }));
      out.push(
        addConstraint(s, n, { name: tag(n, 'k'), definition: `UNIQUE (${quoteIdent(n)})` }),
        createIndex({
          schema: s,
          table: n,
          name: tag(n, 'i'),
          keys: [tag(n, 'm'), { expression: `lower(${quoteIdent(tag(n, 'g'))})` }],
          where: `${quoteIdent(n)} > 1`,
        }),
        commentOn(relationTarget({ schema: s, name: n, kind: 'table' }), n),
        ...columnAttributeStatements(
          { schema: s, name: n, kind: 'table' },
          {
            name: tag(n, 'l'),
            storage: { value: 'external', typeDefault: 'extended' },
            compression: 'pglz',
            statistics: 42,
          },
        ),
        createStatistics({
          schema: s,
          name: tag(n, 'x'),
          definition: `CREATE STATISTICS ${q(tag(n, 'x'))} (ndistinct) ON ${quoteIdent(n)}, ${quoteIdent(tag(n, 'l'))} FROM ${q(n)}`,
        }),
        setStatisticsTarget(s, tag(n, 'x'), 7),
      );
      out.push(
        createRoutine(
          routine(s, n, {
            argumentsText: `${quoteIdent(n)} integer DEFAULT 1`,
            identityArgs: `${quoteIdent(n)} integer`,
            source: `SELECT ${quoteLiteral(n)} || $1::text`,
            config: [
              { name: 'search_path', value: '""' },
              { name: 'gatehouse.label', value: n },
            ],
          }),
        ),
        createRoutine(
          routine(s, tag(n, 't'), {
            language: 'plpgsql',
            volatility: 'volatile',
            returns: { ...routine(s, n, {}).returns, type: type('trigger'), text: 'trigger' },
            source: `BEGIN RAISE NOTICE '%', ${quoteLiteral(n)}; RETURN NEW; END`,
            config: [{ name: 'search_path', value: `${quoteIdent(n)}, public` }],
          }),
        ),
        createRoutine(
          routine(s, tag(n, 'b'), {
            source: '',
            sqlBody: `RETURN (${quoteLiteral(n)} || ${quoteLiteral(n)})`,
          }),
        ),
        createRoutine(
          routine(s, n, {
            kind: 'procedure',
            argumentsText: 'INOUT x text',
            identityArgs: 'INOUT x text',
            language: 'plpgsql',
            source: `BEGIN x := ${quoteLiteral(n)}; END`,
          }),
        ),
        createTrigger(s, n, {
          name: n,
          definition: `CREATE TRIGGER ${quoteIdent(n)} BEFORE INSERT OR UPDATE ON ${q(n)} FOR EACH ROW EXECUTE FUNCTION ${q(tag(n, 't'))}()`,
        }),
        createView({
          schema: s,
          name: tag(n, 'v'),
          kind: 'view',
          options: ['security_barrier=true', 'check_option=local'],
          viewDefinition: ` SELECT ${quoteIdent(n)} AS ${quoteIdent(n)}, ${quoteLiteral(n)} AS x FROM ${q(n)} WHERE ${quoteIdent(n)} > 0;`,
        }),
        createMaterializedView({
          schema: s,
          name: tag(n, 'w'),
          kind: 'materialized_view',
          options: [],
          viewDefinition: `SELECT count(*) AS ${quoteIdent(n)} FROM ${q(n)}`,
        }),
      );
    }
    await runStatements(db.uri, out);
    model = await readModel(db.uri);
  });

  afterAll(async () => {
    await db?.drop();
  });

  it('creates every object under its exact name', () => {
    for (const n of names) {
      const t = model.relations.find((r) => r.schema === n && r.name === n);
      expect(t, n).toBeDefined();
      expect(t?.comment).toBe(n);
      expect(t?.options).toEqual(['fillfactor=70']);
      expect(t?.columns.map((c) => c.name)).toEqual([
        n,
        tag(n, 'm'),
        tag(n, 'd'),
        tag(n, 'g'),
        tag(n, 's'),
        tag(n, 'l'),
      ]);
      expect(t?.columns.find((c) => c.name === tag(n, 'l'))).toMatchObject({
        collation: n,
        collationSchema: n,
        storage: { value: 'external', typeDefault: 'extended' },
        compression: 'pglz',
        statistics: 42,
      });
      expect(model.collations?.find((c) => c.schema === n && c.name === n)).toMatchObject({
        provider: 'libc',
        collate: 'C',
        ctype: 'C',
      });
      expect(model.statistics?.find((x) => x.schema === n && x.name === tag(n, 'x'))).toMatchObject({
        table: { schema: n, name: n },
        kinds: ['ndistinct'],
        columns: [n, tag(n, 'l')],
        target: 7,
      });
      expect(model.functions.find((x) => x.schema === n && x.name === tag(n, 'b'))?.sqlBody).toBeDefined();
      expect(t?.constraints.map((c) => c.name).sort()).toEqual([n, tag(n, 'k')].sort());
      expect(t?.indexes.map((i) => i.name).sort()).toEqual([tag(n, 'i'), tag(n, 'k')].sort());
      expect(t?.triggers.map((x) => x.name)).toEqual([n]);
      const child = model.relations.find((r) => r.schema === n && r.name === tag(n, 'h'));
      expect(child?.inherits).toEqual([{ schema: n, name: n }]);
      expect(child?.columns.map((c) => c.name)).toEqual([
        ...(t?.columns.map((c) => c.name) ?? []),
        tag(n, 'x'),
      ]);
      const foreign = model.relations.find((r) => r.schema === n && r.name === tag(n, 'f'));
      expect(foreign?.foreignTable).toEqual({ server: n, options: [`${n}=${n}`, 'x=1'] });
      const e = model.types.find((x) => x.schema === n && x.name === tag(n, 'e'));
      expect(e?.labels).toEqual([n, tag(n, 'a'), 'b']);
      expect(
        model.types.find((x) => x.schema === n && x.name === tag(n, 'd'))?.domain?.constraints[0]?.name,
      ).toBe(n);
      expect(model.types.find((x) => x.schema === n && x.name === tag(n, 'c'))?.attributes[0]?.name).toBe(n);
      expect(model.sequences.find((x) => x.schema === n && x.name === tag(n, 's'))?.ownedBy?.column).toBe(
        tag(n, 's'),
      );
      expect(model.relations.find((r) => r.schema === n && r.name === tag(n, 'v'))?.checkOption).toBe(
        'local',
      );
      expect(model.relations.find((r) => r.schema === n && r.name === tag(n, 'w'))?.kind).toBe(
        'materialized_view',
      );
      const f = model.functions.find((x) => x.schema === n && x.name === n && x.kind === 'function');
      // SET search_path = '' is stored as "" and must read back so (not as '""').
      expect(f?.config).toEqual([
        { name: 'search_path', value: '""' },
        { name: 'gatehouse.label', value: n },
      ]);
      expect(f?.args[0]?.name).toBe(n);
      expect(
        model.functions.find((x) => x.schema === n && x.name === n && x.kind === 'procedure'),
      ).toBeDefined();
    }
  });

  it('runs the functions and triggers it wrote', async () => {
    const n = names.find((x) => x.includes('$$')) ?? names[0]!;
    const { rows } = await query(db.uri, `SELECT ${quoteQualified(n, n)}(7) AS v`);
    expect(rows[0]?.v).toBe(`${n}7`);
    const body = await query(db.uri, `SELECT ${quoteQualified(n, tag(n, 'b'))}() AS v`);
    expect(body.rows[0]?.v).toBe(`${n}${n}`);
  });

  it('writes them all again, and they read back the same', async () => {
    const target = await createTempDatabase(server, 'gh_inj_rt');
    try {
      await runScript(target.uri, servers());
      const ddl = ddlForDatabase(model);
      expect(ddl.skipped).toEqual([]);
      await runScript(target.uri, toScript(ddl.statements)).catch(async (error: unknown) => {
        await runStatements(target.uri, ddl.statements); // names the failing statement
        throw error;
      });
      const back = databaseParts(await readModel(target.uri));
      const want = databaseParts(model, target.name);
      for (const part of Object.keys(want)) expect({ [part]: back[part] }).toEqual({ [part]: want[part] });
    } finally {
      await target.drop();
    }
  });
});

function servers(): string {
  return [
    'CREATE FOREIGN DATA WRAPPER gh_inj_fdw',
    ...INJECTION_NAMES.map((n) => `CREATE SERVER ${quoteIdent(n)} FOREIGN DATA WRAPPER gh_inj_fdw`),
  ].join(';\n');
}

async function query(uri: string, sql: string): Promise<{ rows: Record<string, unknown>[] }> {
  const client = new pg.Client({ connectionString: uri });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}
