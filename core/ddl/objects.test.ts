import { describe, expect, it } from 'vitest';
import type {
  Column,
  Dependency,
  FunctionInfo,
  ObjectRef,
  Sequence,
  TypeRef,
} from '../../shared/model/catalog.js';
import {
  addEnumValue,
  alterColumnType,
  attachPartition,
  columnDefinition,
  createDomain,
  createEnum,
  createIndex,
  createIndexFromDefinition,
  createRoutine,
  createSequence,
  createTable,
  createView,
  dependencyOrder,
  dollarQuote,
  dropObject,
  relationTarget,
  renameEnumValue,
  routineTarget,
  setRelationOptions,
  settingAssignment,
  splitGucList,
  typeName,
} from './index.js';

const type = (formatted: string): TypeRef => ({
  oid: 0,
  schema: '',
  name: formatted,
  formatted,
  kind: 'base',
  isArray: false,
  elementOid: null,
});
const col = (name: string, formatted: string, extra: Partial<Column> = {}): Column => ({
  origin: null,
  name,
  position: 1,
  type: type(formatted),
  notNull: false,
  default: null,
  identity: null,
  generated: null,
  generation: null,
  collation: null,
  comment: null,
  source: null,
  ...extra,
});

const fn: FunctionInfo = {
  oid: 1,
  schema: 'api',
  name: 'whoami',
  kind: 'function',
  identityArgs: '',
  argumentsText: 'x integer DEFAULT 1',
  args: [],
  returns: {
    type: type('text'),
    setOf: false,
    isComposite: false,
    isTable: false,
    relation: null,
    columns: [],
    text: 'text',
  },
  volatility: 'stable',
  securityDefiner: true,
  strict: true,
  leakproof: false,
  parallel: 'unsafe',
  language: 'sql',
  owner: 'dev',
  comment: null,
  config: [{ name: 'search_path', value: '""' }],
  source: ' SELECT $function$ || current_user ',
  cost: 100,
  rows: 0,
  extension: null,
};

describe('functions', () => {
  it('writes SET search_path = \'\' so that replaying stores "" again (not \'""\')', () => {
    const sql = createRoutine(fn).sql;
    expect(sql).toContain("SET search_path TO ''");
    expect(sql).not.toContain(`'""'`);
    expect(sql).toBe(
      [
        'CREATE FUNCTION api.whoami(x integer DEFAULT 1)',
        'RETURNS text',
        'LANGUAGE sql',
        'STABLE',
        'NOT LEAKPROOF',
        'STRICT',
        'PARALLEL UNSAFE',
        'COST 100',
        'SECURITY DEFINER',
        "SET search_path TO ''",
        // the body holds $function$, so another tag is chosen
        'AS $function1$ SELECT $function$ || current_user $function1$',
      ].join('\n'),
    );
  });

  it('writes list settings element by element and everything else as one literal', () => {
    expect(settingAssignment('search_path', 'api, "My Schema", pg_temp')).toBe(
      `search_path TO 'api', 'My Schema', 'pg_temp'`,
    );
    expect(settingAssignment('work_mem', '8MB')).toBe("work_mem TO '8MB'");
    expect(settingAssignment('app.note', "it's")).toBe("app.note TO 'it''s'");
    expect(splitGucList('"a""b" ,  c,"", d')).toEqual(['a"b', 'c', '', 'd']);
    expect(splitGucList('')).toEqual([]);
  });

  it('refuses what it cannot write from the model', () => {
    expect(() => createRoutine({ ...fn, kind: 'aggregate' })).toThrow(/aggregate/);
    expect(() => createRoutine({ ...fn, source: '' })).toThrow(/body of api.whoami/);
    expect(() =>
      createRoutine({ ...fn, argumentsText: 'x int) RETURNS int AS $$ $$; DROP TABLE t; --' }),
    ).toThrow(/function arguments/);
    expect(dollarQuote('a $x$ b', 'x')).toBe('$x1$a $x$ b$x1$');
  });

  it('writes an aggregate from its definition, `*` for no argument, and refuses odd support names', () => {
    const aggregate = {
      kind: 'normal',
      sfunc: 'int8inc',
      stype: 'bigint',
      sspace: 0,
      finalfunc: null,
      finalfuncExtra: false,
      finalfuncModify: 'read_only',
      combinefunc: 'int8pl',
      serialfunc: null,
      deserialfunc: null,
      initcond: "0'",
      msfunc: null,
      minvfunc: null,
      mstype: null,
      msspace: 0,
      mfinalfunc: null,
      mfinalfuncExtra: false,
      mfinalfuncModify: 'read_only',
      minitcond: null,
      sortop: 'pg_catalog.>',
    } as const;
    const agg = { ...fn, kind: 'aggregate', argumentsText: '', parallel: 'safe', aggregate } as const;
    expect(createRoutine(agg, { orReplace: true }).sql).toBe(
      "CREATE OR REPLACE AGGREGATE api.whoami(*) (\n  SFUNC = int8inc,\n  STYPE = bigint,\n  COMBINEFUNC = int8pl,\n  INITCOND = '0''',\n  SORTOP = OPERATOR(pg_catalog.>),\n  PARALLEL = SAFE\n)",
    );
    expect(dropObject(routineTarget(agg)).sql).toBe('DROP AGGREGATE api.whoami(*)');
    expect(() =>
      createRoutine({ ...agg, aggregate: { ...aggregate, sfunc: 'f); DROP TABLE t; --' } }),
    ).toThrow(/not a function name/);
    expect(() => createRoutine({ ...agg, aggregate: { ...aggregate, sortop: '>) --' } })).toThrow(
      /not an operator name/,
    );
  });
});

describe('tables', () => {
  it('writes identity, generated, defaults, collations and NOT NULL', () => {
    expect(columnDefinition(col('id', 'bigint', { identity: 'always', notNull: true }))).toBe(
      'id bigint GENERATED ALWAYS AS IDENTITY NOT NULL',
    );
    expect(columnDefinition(col('Up', 'text', { generated: 'stored', generation: 'upper(name)' }))).toBe(
      '"Up" text GENERATED ALWAYS AS (upper(name)) STORED',
    );
    expect(
      columnDefinition(
        col('n', 'character varying(20)', { default: "'x'::character varying", collation: 'C' }),
      ),
    ).toBe(`n character varying(20) COLLATE "C" DEFAULT ('x'::character varying)`);
  });

  it('names a NOT NULL constraint (18+) always, and adds a NOT VALID one later', () => {
    const nn = (name: string, more: { validated?: boolean; noInherit?: boolean } = {}) => ({
      notNull: true,
      notNullConstraint: { name, validated: true, noInherit: false, local: true, ...more },
    });
    // Even the name PostgreSQL would give: it is taken while a rebuilt table's old copy holds it.
    expect(columnDefinition(col('a', 'int', nn('t_a_not_null')))).toBe(
      'a int CONSTRAINT t_a_not_null NOT NULL',
    );
    expect(columnDefinition(col('a', 'int', nn('a_required', { noInherit: true })))).toBe(
      'a int CONSTRAINT a_required NOT NULL NO INHERIT',
    );
    // Added NOT VALID after the rows (object phases), never inline (a syntax error there).
    expect(columnDefinition(col('a', 'int', nn('a_nv', { validated: false })))).toBe('a int');
  });

  it('writes constraints inline except foreign keys, partition keys and storage parameters', () => {
    const t = createTable({
      schema: 'api',
      name: 'events',
      kind: 'partitioned_table',
      partitionKey: 'RANGE (at)',
      options: [],
      inherits: [],
      columns: [col('id', 'integer', { notNull: true }), col('at', 'date', { notNull: true })],
      constraints: [
        {
          name: 'events_pkey',
          kind: 'primary_key',
          inherited: false,
          columns: ['id', 'at'],
          definition: 'PRIMARY KEY (id, at)',
          foreignKey: null,
          deferrable: false,
          deferred: false,
          validated: true,
          index: 'events_pkey',
          comment: null,
        },
        {
          name: 'events_fk',
          kind: 'foreign_key',
          inherited: false,
          columns: ['id'],
          definition: 'FOREIGN KEY (id) REFERENCES api.x(id)',
          foreignKey: null,
          deferrable: false,
          deferred: false,
          validated: true,
          index: null,
          comment: null,
        },
      ],
    });
    expect(t.sql).toBe(
      'CREATE TABLE api.events (\n  id integer NOT NULL,\n  at date NOT NULL,\n  CONSTRAINT events_pkey PRIMARY KEY (id, at)\n) PARTITION BY RANGE (at)',
    );
    expect(
      attachPartition(
        { schema: 'api', name: 'events' },
        { schema: 'api', name: 'e1' },
        "FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
      ).sql,
    ).toBe("ALTER TABLE api.events ATTACH PARTITION api.e1 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
    expect(() =>
      attachPartition({ schema: 'a', name: 'b' }, { schema: 'a', name: 'c' }, 'x; DROP TABLE t'),
    ).toThrow();
    expect(
      setRelationOptions(
        { schema: 'api', name: 'v', kind: 'view' },
        ['security_invoker=true'],
        ['fillfactor'],
      ).sql,
    ).toBe("ALTER VIEW api.v SET (security_invoker = 'true'), RESET (fillfactor)");
    expect(alterColumnType('api', 't', 'n', 'bigint', 'n::bigint').sql).toBe(
      'ALTER TABLE api.t ALTER COLUMN n TYPE bigint USING (n::bigint)',
    );
    expect(
      dropObject(relationTarget({ schema: 'api', name: 'm', kind: 'materialized_view' }), { cascade: true })
        .sql,
    ).toBe('DROP MATERIALIZED VIEW api.m CASCADE');
  });

  it('leaves a column only inherited to INHERITS, and writes one the child declares too', () => {
    const parent = new Map([
      ['a', col('a', 'integer')],
      ['b', col('b', 'integer')],
    ]);
    const t = createTable(
      {
        schema: 'api',
        name: 'leaf',
        kind: 'table',
        partitionKey: null,
        options: [],
        inherits: [{ schema: 'api', name: 'base' }],
        columns: [col('a', 'integer'), { ...col('b', 'integer'), declared: true }, col('x', 'text')],
        constraints: [],
      },
      { inheritedColumns: parent },
    );
    expect(t.sql).toBe('CREATE TABLE api.leaf (\n  b integer,\n  x text\n) INHERITS (api.base)');
  });

  it("leaves a partition's identity that is its parent's (no sequence of its own, 17+) to ATTACH", () => {
    const seq: Sequence = {
      oid: 9,
      schema: 'api',
      name: 'own_seq',
      owner: 'app',
      dataType: 'bigint',
      start: '1',
      increment: '1',
      min: '1',
      max: '9223372036854775807',
      cache: '1',
      cycle: false,
      ownedBy: { schema: 'api', table: 'events_2026', column: 'id' },
      identity: true,
      comment: null,
      extension: null,
    };
    const partition = (identitySequences?: ReadonlyMap<string, Sequence>) =>
      createTable(
        {
          schema: 'api',
          name: 'events_2026',
          kind: 'table',
          partitionKey: null,
          options: [],
          partitionOf: { schema: 'api', name: 'events' },
          columns: [col('id', 'bigint', { identity: 'always', notNull: true }), col('at', 'date')],
          constraints: [],
        },
        identitySequences ? { identitySequences } : {},
      ).sql;
    expect(partition()).toBe('CREATE TABLE api.events_2026 (\n  id bigint NOT NULL,\n  at date\n)');
    // Before 17 a partition may have an identity of its own, with its own sequence: written.
    expect(partition(new Map([['id', seq]]))).toMatch(
      /^CREATE TABLE api\.events_2026 \(\n {2}id bigint GENERATED ALWAYS AS IDENTITY \(SEQUENCE NAME api\.own_seq /,
    );
  });

  it('refuses types and expressions that are not one type or expression', () => {
    expect(typeName('timestamp(3) with time zone')).toBe('timestamp(3) with time zone');
    for (const t of ['int; DROP TABLE x', 'int, x int', 'int) x', 'int DEFAULT 1', 'int COLLATE "C"'])
      expect(() => typeName(t)).toThrow(/type/);
    // format_type()'s spellings pass without the parser; near misses still meet it and are refused.
    for (const t of [
      'character varying(64)[]',
      'numeric(12,2)',
      'api."Mood"[]',
      '"char"',
      'bit varying(5)',
      'double precision[][]',
      'time without time zone',
      'interval day to second(3)',
      'interval(2)',
    ])
      expect(typeName(t)).toBe(t);
    for (const t of [
      'integer integer',
      'text collate x',
      '"a" "b"',
      'int[]; x',
      'interval day to year',
      '"a""b" c',
    ])
      expect(() => typeName(t)).toThrow(/type/);
    expect(() => columnDefinition(col('x', 'int', { default: '1); DROP TABLE t; --' }))).toThrow(/default/);
  });
});

describe('indexes, views, sequences and types', () => {
  it('marks CREATE INDEX CONCURRENTLY as not transactional', () => {
    const s = createIndex({
      schema: 'api',
      table: 't',
      name: 'i',
      keys: ['a', { expression: 'lower(b)' }],
      include: ['c'],
      where: 'a > 0',
      concurrently: true,
    });
    expect(s.sql).toBe(
      'CREATE INDEX CONCURRENTLY i ON api.t USING btree (a, (lower(b))) INCLUDE (c) WHERE (a > 0)',
    );
    expect(s.transactional).toBe(false);
    const d = createIndexFromDefinition(
      'api',
      't',
      { name: 'i', definition: 'CREATE UNIQUE INDEX i ON api.t USING btree (a)' },
      { concurrently: true },
    );
    expect(d.sql).toBe('CREATE UNIQUE INDEX CONCURRENTLY i ON api.t USING btree (a)');
    expect(() =>
      createIndexFromDefinition('api', 't', {
        name: 'i',
        definition: 'CREATE INDEX i ON t (a); DROP TABLE t',
      }),
    ).toThrow();
  });

  it('writes views with their options and refuses a second statement', () => {
    expect(
      createView({
        schema: 'api',
        name: 'v',
        kind: 'view',
        options: ['check_option=local'],
        viewDefinition: ' SELECT 1 AS one;',
      }).sql,
    ).toBe("CREATE VIEW api.v WITH (check_option = 'local') AS\nSELECT 1 AS one");
    expect(() =>
      createView({
        schema: 'api',
        name: 'v',
        kind: 'view',
        options: [],
        viewDefinition: 'SELECT 1; DROP TABLE t',
      }),
    ).toThrow(/view definition/);
  });

  it('writes sequences, enums (ADD VALUE BEFORE/AFTER, RENAME VALUE) and domains', () => {
    expect(
      createSequence({
        schema: 'api',
        name: 's',
        dataType: 'integer',
        start: '1',
        increment: '-1',
        min: '-10',
        max: '1',
        cache: '1',
        cycle: false,
      }).sql,
    ).toBe(
      'CREATE SEQUENCE api.s AS integer START WITH 1 INCREMENT BY -1 MINVALUE -10 MAXVALUE 1 CACHE 1 NO CYCLE',
    );
    expect(() =>
      createSequence({
        schema: 'a',
        name: 's',
        dataType: 'integer',
        start: '1; x',
        increment: '1',
        min: '1',
        max: '2',
        cache: '1',
        cycle: false,
      }),
    ).toThrow();
    expect(createEnum({ schema: 'api', name: 'mood', labels: ["it's", 'ok'] }).sql).toBe(
      "CREATE TYPE api.mood AS ENUM ('it''s', 'ok')",
    );
    expect(addEnumValue('api', 'mood', 'meh', { after: 'ok' }, { ifNotExists: true }).sql).toBe(
      "ALTER TYPE api.mood ADD VALUE IF NOT EXISTS 'meh' AFTER 'ok'",
    );
    expect(addEnumValue('api', 'mood', 'sad', { before: "it's" }).sql).toBe(
      "ALTER TYPE api.mood ADD VALUE 'sad' BEFORE 'it''s'",
    );
    expect(renameEnumValue('api', 'mood', 'ok', 'fine').sql).toBe(
      "ALTER TYPE api.mood RENAME VALUE 'ok' TO 'fine'",
    );
    expect(
      createDomain({
        schema: 'api',
        name: 'email',
        domain: {
          baseType: type('text'),
          notNull: true,
          default: null,
          constraints: [
            { name: 'email_nn', definition: 'NOT NULL', notNull: true, validated: true },
            { name: 'email_at', definition: "CHECK ((VALUE ~ '@'::text))", notNull: false, validated: true },
          ],
        },
      }).sql,
    ).toBe(
      "CREATE DOMAIN api.email AS text\n  CONSTRAINT email_nn NOT NULL\n  CONSTRAINT email_at CHECK ((VALUE ~ '@'::text))",
    );
  });
});

describe('catalog text checks', () => {
  it('take plain texts fast and send anything else to the parser, which refuses what is not one thing', () => {
    const idx = (definition: string) => () =>
      createIndexFromDefinition('api', 't', { name: 'i', definition });
    expect(idx('CREATE INDEX i ON api.t USING btree (a)')).not.toThrow();
    for (const bad of [
      'CREATE ROLE x SUPERUSER',
      'CREATE INDEX i ON api.t (a) WHERE b = $$x$$; DROP TABLE t; SELECT $$y$$',
      "CREATE INDEX i ON api.t (a) WHERE b = E'\\'' ; DROP TABLE t; --'",
      'CREATE INDEX i ON api.t (a) /* x */; DROP TABLE t',
    ])
      expect(idx(bad), bad).toThrow(/index definition/);
    expect(() => columnDefinition(col('x', 'int', { default: '' }))).toThrow(/default/);
    expect(() => columnDefinition(col('x', 'int', { default: '1) , (2' }))).toThrow(/default/);
    expect(columnDefinition(col('x', 'text', { default: "'a;b'::text" }))).toBe(
      "x text DEFAULT ('a;b'::text)",
    );
    expect(columnDefinition(col('x', 'text', { default: '$$a$$::text' }))).toBe(
      'x text DEFAULT ($$a$$::text)',
    );
  });
});

describe('dependency order', () => {
  const ref = (name: string): ObjectRef => ({ kind: 'relation', schema: 'api', name });
  const dep = (from: string, to: string): Dependency => ({
    from: ref(from),
    to: ref(to),
    kind: 'normal',
    via: 'rule',
  });

  it('puts each object after what it depends on, ties by rank then input order', () => {
    const nodes = ['v2', 'v1', 't', 'f'].map((name, i) => ({
      ref: ref(name),
      rank: name === 'f' ? 0 : 1,
      i,
    }));
    const out = dependencyOrder(nodes, [dep('v2', 'v1'), dep('v1', 't')], () => true).map((n) => n.ref.name);
    expect(out).toEqual(['f', 't', 'v1', 'v2']);
  });

  it('reports a cycle with its members instead of a half-ordered script', () => {
    const nodes = ['a', 'b', 'c'].map((name) => ({ ref: ref(name), rank: 0 }));
    expect(() => dependencyOrder(nodes, [dep('a', 'b'), dep('b', 'c'), dep('c', 'a')], () => true)).toThrow(
      expect.objectContaining({
        code: 'GH222',
        details: expect.stringMatching(/api\.a → api\.\w → api\.\w → api\.a|api\.\w → .* → api\.\w/),
      }),
    );
  });
});
