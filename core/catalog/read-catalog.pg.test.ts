import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogSchema, type Catalog, type Relation } from '../../shared/model/catalog.js';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../../test/pg.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import { readCatalog } from './read-catalog.js';
import { sqlFile } from '../db/sql-files.js';
import { ownRoles } from './testing/own-roles.js';
import {
  DEV_PASSWORD,
  dropRoles,
  fixtureRoles,
  eventTriggerSetup,
  ownerSetup,
  publicationSetup,
  ruleSetup,
  superuserSetup,
  type FixtureRoles,
} from './testing/fixture.js';

function asUser(uri: string, user: string, password: string): string {
  const u = new URL(uri);
  u.username = encodeURIComponent(user);
  u.password = encodeURIComponent(password);
  return u.toString();
}

async function readAs(uri: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: uri });
  await client.connect();
  try {
    return await readCatalog(client);
  } finally {
    await client.end();
  }
}

function relation(c: Catalog, name: string): Relation {
  const r = c.relations.find((x) => x.schema === 'api' && x.name === name);
  if (!r) throw new Error(`no relation api.${name}`);
  return r;
}

describe.each(pgServers())('readCatalog ($label)', (server) => {
  let db: TempDatabase;
  let roles: FixtureRoles;
  let asDev: Catalog;
  let asSuper: Catalog;

  beforeAll(async () => {
    db = await createTempDatabase(server);
    roles = fixtureRoles(uniqueSuffix());
    await superuserQuery(server, superuserSetup(roles, db.name, server.major), db.name);
    await superuserQuery(server, ownerSetup(roles, server.major), db.name);
    await superuserQuery(server, eventTriggerSetup(), db.name);
    await superuserQuery(server, publicationSetup(server.major), db.name);
    await superuserQuery(server, ruleSetup(), db.name);
    asDev = await readAs(asUser(db.uri, roles.dev, DEV_PASSWORD));
    asSuper = await readAs(db.uri);
  });

  afterAll(async () => {
    await db?.drop();
    if (roles) await superuserQuery(server, dropRoles(roles));
  });

  it('reads the same model on two connections sharing one snapshot', async () => {
    const uri = asUser(db.uri, roles.dev, DEV_PASSWORD);
    const first = new pg.Client({ connectionString: uri });
    const second = new pg.Client({ connectionString: uri });
    await first.connect();
    await second.connect();
    const sent: string[] = [];
    const query = second.query.bind(second) as (config: unknown) => Promise<unknown>;
    (second as unknown as { query: (config: unknown) => Promise<unknown> }).query = (config) => {
      sent.push(typeof config === 'string' ? config : 'catalog query');
      return query(config);
    };
    try {
      const both = await readCatalog(first, { parallelClient: second });
      // (Other test files create and drop their cluster-wide roles meanwhile: compare this database's own.)
      expect(ownRoles({ ...both, readAt: asDev.readAt })).toEqual(ownRoles(asDev));
      // The second connection imported the snapshot and ran its share of the queries.
      expect(sent.some((s) => s.startsWith('SET TRANSACTION SNAPSHOT'))).toBe(true);
      expect(sent.filter((s) => s === 'catalog query').length).toBeGreaterThanOrEqual(5);
      // Both connections are left outside a transaction, ready for the next read.
      for (const c of [first, second]) {
        const isolation = await c.query<{ level: string }>(
          "SELECT pg_catalog.current_setting('transaction_isolation') AS level",
        );
        expect(isolation.rows[0]?.level).toBe('read committed');
      }
      const again = await readCatalog(first, { parallelClient: second });
      expect(again.relations).toEqual(asDev.relations);
    } finally {
      await first.end();
      await second.end();
    }
  });

  it('writes the queries ahead in pipeline mode and gives the client back as it was, also after a failure', async () => {
    const uri = asUser(db.uri, roles.dev, DEV_PASSWORD);
    const client = new pg.Client({ connectionString: uri });
    const alreadyPipelined = new pg.Client({ connectionString: uri, pipeline: true });
    await client.connect();
    await alreadyPipelined.connect();
    // Counts the catalog queries written before the one ahead of them was answered; `fail` turns one into an error.
    let inFlight = 0;
    let mostInFlight = 0;
    let fail: string | null = null;
    const query = client.query.bind(client) as (config: unknown) => Promise<unknown>;
    (client as unknown as { query: (config: unknown) => Promise<unknown> }).query = (config) => {
      if (typeof config === 'string') return query(config);
      const text = (config as { text: string }).text;
      const failing = fail !== null && text.includes(fail);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      // As many parameters as the query it stands for (all oid[]).
      const values = (config as { values?: unknown[] }).values ?? [];
      const boom = `SELECT 1 / 0 AS boom WHERE ${values.map((_, i) => `($${i + 1}::oid[] IS NULL OR true)`).join(' AND ')}`;
      return query(failing ? { ...(config as object), text: boom } : config).finally(() => inFlight--);
    };
    // Outside the read's REPEATABLE READ transaction, a session is back at its default level.
    const outsideTransaction = async (c: pg.Client) =>
      (
        await c.query<{ level: string }>(
          "SELECT pg_catalog.current_setting('transaction_isolation') AS level",
        )
      ).rows[0]?.level === 'read committed';
    try {
      const pipelined = await readCatalog(client);
      expect(ownRoles({ ...pipelined, readAt: asDev.readAt })).toEqual(ownRoles(asDev));
      expect(mostInFlight).toBeGreaterThan(10);
      expect(client.pipeline).toBe(false);

      // A query failing halfway: the error is the catalog's, every query written after it is drained, and
      // the client is out of pipeline mode, outside a transaction and reads the same model again.
      fail = 'pg_catalog.pg_attribute AS a';
      await expect(readCatalog(client)).rejects.toMatchObject({ code: 'GH202' });
      expect(inFlight).toBe(0);
      expect(client.pipeline).toBe(false);
      expect(await outsideTransaction(client)).toBe(true);
      fail = null;
      const again = await readCatalog(client);
      expect(again.relations).toEqual(asDev.relations);

      // A client made in pipeline mode is read as it is and stays so.
      const own = await readCatalog(alreadyPipelined);
      expect(own.relations).toEqual(asDev.relations);
      expect(alreadyPipelined.pipeline).toBe(true);
    } finally {
      await client.end();
      await alreadyPipelined.end();
    }
  });

  it('validates against the model schema and is frozen', () => {
    expect(() => catalogSchema.parse(asDev)).not.toThrow();
    expect(Object.isFrozen(asDev)).toBe(true);
    expect(Object.isFrozen(asDev.relations)).toBe(true);
    expect(Object.isFrozen(relation(asDev, 'authors').columns[0]?.type)).toBe(true);
  });

  it('describes the server and the reader (a non-superuser can read the catalog)', () => {
    expect(asDev.server.major).toBe(server.major);
    expect(asDev.server.currentUser).toBe(roles.dev);
    expect(asDev.server.currentDatabase).toBe(db.name);
    expect(asDev.server.isSuperuser).toBe(false);
    expect(asDev.server.canReadPasswords).toBe(false);
    expect(asSuper.server.isSuperuser).toBe(true);
    expect(asDev.database.name).toBe(db.name);
    expect(asDev.excludedSchemas).toEqual(expect.arrayContaining(['pg_catalog', 'information_schema']));
    expect(asDev.schemas.map((s) => s.name)).not.toContain('pg_catalog');
  });

  it('reads role attributes, and password presence only when allowed', () => {
    const auth = asDev.roles.find((r) => r.name === roles.auth);
    expect(auth).toMatchObject({
      superuser: false,
      inherit: false,
      canLogin: false,
      bypassRls: true,
      connectionLimit: 5,
      validUntil: '2030-01-01T00:00:00Z',
      comment: 'authenticated users',
      hasPassword: null,
      isSystem: false,
    });
    expect(asSuper.roles.find((r) => r.name === roles.dev)?.hasPassword).toBe(true);
    expect(asSuper.roles.find((r) => r.name === roles.anon)?.hasPassword).toBe(false);
    expect(asDev.roles.find((r) => r.name === roles.anon)?.settings).toEqual([
      { name: 'statement_timeout', value: '5s' },
    ]);
    expect(asDev.roles.find((r) => r.name === 'pg_read_all_data')?.isSystem).toBe(true);
  });

  it('reads memberships with options (per grant on 16+, derived before)', () => {
    const m = asDev.memberships.find((x) => x.role === roles.auth && x.member === roles.member);
    expect(m?.admin).toBe(true);
    expect(m?.grantor).toBe('postgres');
    if (server.major >= 16) {
      expect(m).toMatchObject({ inherit: false, set: false, optionsFromServer: true });
    } else {
      expect(m).toMatchObject({ inherit: true, set: true, optionsFromServer: false });
    }
  });

  it('reads per-role, per-database and per-role-in-database settings', () => {
    expect(asDev.roleSettings).toEqual(
      expect.arrayContaining([
        { role: roles.anon, database: null, settings: [{ name: 'statement_timeout', value: '5s' }] },
        { role: roles.anon, database: db.name, settings: [{ name: 'work_mem', value: '8MB' }] },
        { role: null, database: db.name, settings: [{ name: 'search_path', value: 'api, public' }] },
      ]),
    );
  });

  it('reads schemas and extensions', () => {
    expect(asDev.schemas.find((s) => s.name === 'api')).toMatchObject({
      owner: roles.dev,
      comment: 'the API',
    });
    // plpgsql has no update scripts: the versions ALTER EXTENSION … UPDATE reaches from it are none.
    expect(asDev.extensions.find((e) => e.name === 'plpgsql')).toMatchObject({
      schema: 'pg_catalog',
      updateTargets: [],
    });
  });

  it('reads event triggers: event, tags, function, firing state, owner and comment', () => {
    const e = asDev.eventTriggers ?? [];
    expect(e.map((x) => x.name)).toEqual(['gh_note_ddl', 'gh_note_drop']);
    expect(e[0]).toMatchObject({
      event: 'ddl_command_end',
      tags: ['CREATE TABLE', 'ALTER TABLE'],
      function: { schema: 'public', name: 'gh_note_ddl' },
      enabled: 'always',
      owner: asSuper.server.currentUser,
      comment: 'notes table DDL',
    });
    expect(e[1]).toMatchObject({ event: 'sql_drop', tags: [], enabled: 'disabled', comment: null });
    expect(asSuper.eventTriggers).toEqual(asDev.eventTriggers);
  });

  it('reads publications: tables (15+: column lists, row filters, schemas), options, owner and comment', () => {
    const p = asDev.publications ?? [];
    const modern = server.major >= 15;
    expect(p.map((x) => x.name)).toEqual(['gh_changes', 'gh_everything', ...(modern ? ['gh_public'] : [])]);
    expect(p[0]).toMatchObject({
      owner: asSuper.server.currentUser,
      comment: 'what replicas follow',
      allTables: false,
      publish: ['insert', 'update', 'delete', 'truncate'],
      viaPartitionRoot: false,
      tables: [
        modern
          ? { schema: 'api', name: 'authors', columns: ['id', 'name'], where: '(id > 0)' }
          : { schema: 'api', name: 'authors' },
        { schema: 'api', name: 'books' },
      ],
      schemas: [],
    });
    expect(p[0]?.tables[1]).toEqual({ schema: 'api', name: 'books' });
    expect(p[1]).toMatchObject({ allTables: true, publish: ['insert'], viaPartitionRoot: true, tables: [] });
    if (modern) expect(p[2]).toMatchObject({ tables: [], schemas: ['public'] });
    expect(asSuper.publications).toEqual(asDev.publications);
  });

  it('reads rules: definition, event, firing state and comment, a view’s _RETURN left out', () => {
    expect(relation(asDev, 'books').rules).toEqual([
      {
        name: 'gh_no_delete',
        event: 'delete',
        definition: expect.stringMatching(
          /^CREATE RULE gh_no_delete AS\s+ON DELETE TO api\.books DO INSTEAD NOTHING$/,
        ),
        enabled: 'disabled',
        comment: 'books stay',
      },
    ]);
    expect(relation(asDev, 'gh_titles').rules?.map((r) => [r.name, r.event, r.enabled])).toEqual([
      ['gh_titles_update', 'update', 'origin'],
    ]);
    expect(relation(asDev, 'authors').rules).toBeUndefined();
  });

  it('reads tables with columns, identity, generated, defaults, arrays and domains', () => {
    const authors = relation(asDev, 'authors');
    expect(authors).toMatchObject({ kind: 'table', owner: roles.dev, comment: 'people who write' });
    const col = (n: string) => authors.columns.find((c) => c.name === n);
    expect(col('id')).toMatchObject({
      position: 1,
      identity: 'always',
      notNull: true,
      type: { name: 'int4', schema: 'pg_catalog', formatted: 'integer', isArray: false, kind: 'base' },
    });
    expect(col('name')).toMatchObject({ comment: 'display name', notNull: true, collation: 'default' });
    expect(col('email')?.type).toMatchObject({ schema: 'api', name: 'email', kind: 'domain' });
    expect(col('mood')).toMatchObject({ default: "'ok'::api.mood", type: { kind: 'enum' } });
    expect(col('tags')?.type).toMatchObject({ formatted: 'text[]', isArray: true, elementOid: 25 });
    expect(col('name_upper')).toMatchObject({
      generated: 'stored',
      generation: 'upper(name)',
      default: null,
    });
    const books = relation(asDev, 'books');
    expect(books.columns.find((c) => c.name === 'title')?.type.formatted).toBe('character varying(200)');
    expect(books.columns.find((c) => c.name === 'id')?.default).toBe("nextval('api.books_id_seq'::regclass)");
    // From 18 a NOT NULL is a constraint of its own, with a name; the model has none before.
    expect(books.columns.find((c) => c.name === 'title')?.notNullConstraint).toEqual(
      server.major >= 18
        ? { name: 'books_title_not_null', validated: true, noInherit: false, local: true }
        : undefined,
    );
    expect(books.columns.find((c) => c.name === 'isbn')?.notNullConstraint).toBeUndefined();
  });

  it('reads constraints: primary key, unique, check, foreign key, exclusion', () => {
    const books = relation(asDev, 'books');
    const fk = books.constraints.find((c) => c.name === 'books_author_fk');
    expect(fk).toMatchObject({
      kind: 'foreign_key',
      columns: ['author_id'],
      foreignKey: {
        table: { schema: 'api', name: 'authors' },
        columns: ['id'],
        onDelete: 'cascade',
        onUpdate: 'restrict',
        match: 'simple',
      },
    });
    expect(fk?.definition).toContain('REFERENCES api.authors(id)');
    expect(books.constraints.find((c) => c.kind === 'primary_key')).toMatchObject({
      columns: ['id'],
      index: 'books_pkey',
    });
    expect(books.constraints.find((c) => c.kind === 'unique')?.columns).toEqual(['isbn']);
    expect(relation(asDev, 'authors').constraints.find((c) => c.name === 'name_len')).toMatchObject({
      kind: 'check',
      columns: ['name'],
      definition: 'CHECK ((length(name) < 100))',
    });
    expect(relation(asDev, 'bookings').constraints.find((c) => c.kind === 'exclusion')).toMatchObject({
      columns: ['during'],
    });
    // PG18 records NOT NULL as constraints; the model keeps nullability on columns on every version.
    expect(books.constraints.map((c) => c.kind).sort()).toEqual(['foreign_key', 'primary_key', 'unique']);
  });

  /** "table.index: definition" for every index of a schema, as the server's pg_get_indexdef spells it. */
  const serverIndexDefinitions = async (schema: string) => {
    const { rows } = await superuserQuery(
      server,
      `SELECT c.relname AS table_name, ic.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class c ON c.oid = i.indrelid
       WHERE c.relnamespace = $1::regnamespace`,
      db.name,
      [schema],
    );
    return (rows as { table_name: string; name: string; definition: string }[]).map(
      (r) => `${r.table_name}.${r.name}: ${r.definition}`,
    );
  };

  it('spells every index definition exactly as pg_get_indexdef does', async () => {
    const expected = await serverIndexDefinitions('api');
    const actual = asDev.relations
      .filter((r) => r.schema === 'api')
      .flatMap((r) => r.indexes.map((i) => `${r.name}.${i.name}: ${i.definition}`));
    expect(actual.sort()).toEqual(expected.sort());
    expect(actual).toContain(
      'authors.authors_select_me_key: CREATE UNIQUE INDEX authors_select_me_key ON api.authors USING btree ("Select Me") INCLUDE (tags)',
    );
  });

  it('marks the inherited columns an INHERITS child declares too, and none of a partition', async () => {
    await superuserQuery(
      server,
      `CREATE SCHEMA inh;
       CREATE TABLE inh.p (a int, b int);
       CREATE TABLE inh.only_inherited (x int) INHERITS (inh.p);
       CREATE TABLE inh.merged (b int, x int) INHERITS (inh.p);
       CREATE TABLE inh.attached (x int, a int, b int);
       ALTER TABLE inh.attached INHERIT inh.p;
       CREATE TABLE inh.parted (a int, b int) PARTITION BY LIST (a);
       CREATE TABLE inh.parted_1 PARTITION OF inh.parted FOR VALUES IN (1);`,
      db.name,
    );
    const model = await readAs(db.uri);
    const declared = (name: string) =>
      model.relations
        .find((r) => r.schema === 'inh' && r.name === name)
        ?.columns.filter((c) => c.declared === true)
        .map((c) => c.name);
    expect(declared('only_inherited')).toEqual([]);
    expect(declared('merged')).toEqual(['b']);
    expect(declared('attached')).toEqual(['a', 'b']);
    expect(declared('parted_1')).toEqual([]);
    expect(declared('p')).toEqual([]);
  });

  it('spells every index of plain columns with default operator classes exactly as pg_get_indexdef does', async () => {
    // Each index below is either spelled out by the reader or left to pg_get_indexdef: both must read the same.
    await superuserQuery(
      server,
      `CREATE SCHEMA idx;
       CREATE TYPE idx.hue AS ENUM ('red', 'blue');
       CREATE DOMAIN idx.pos AS int CHECK (VALUE > 0);
       CREATE TABLE idx.t (a int, b text, "Odd Col" text, "order" int, v varchar(10), j jsonb, r int4range,
         at timestamptz, h idx.hue, p idx.pos, tags text[]);
       CREATE INDEX t_a ON idx.t (a);
       CREATE INDEX "T b two" ON idx.t (b, "Odd Col");
       CREATE UNIQUE INDEX t_order_u ON idx.t ("order") INCLUDE (a, b);
       CREATE INDEX t_v ON idx.t (v);
       CREATE INDEX t_b_pattern ON idx.t (b text_pattern_ops);
       CREATE INDEX t_a_desc ON idx.t (a DESC);
       CREATE INDEX t_a_nulls ON idx.t (a NULLS FIRST);
       CREATE INDEX t_b_c ON idx.t (b COLLATE "C");
       CREATE INDEX t_b_hash ON idx.t USING hash (b);
       CREATE INDEX t_j ON idx.t USING gin (j);
       CREATE INDEX t_j_path ON idx.t USING gin (j jsonb_path_ops);
       CREATE INDEX t_r ON idx.t USING gist (r);
       CREATE INDEX t_at ON idx.t USING brin (at);
       CREATE INDEX t_h ON idx.t (h);
       CREATE INDEX t_p ON idx.t (p);
       CREATE INDEX t_tags ON idx.t USING gin (tags);
       CREATE INDEX t_partial ON idx.t (a) WHERE a > 0;
       CREATE INDEX t_fill ON idx.t (a) WITH (fillfactor = 70);
       CREATE TABLE idx.parted (id int, k text) PARTITION BY LIST (k);
       CREATE TABLE idx.parted_a PARTITION OF idx.parted FOR VALUES IN ('a');
       CREATE INDEX parted_id ON idx.parted (id);`,
      db.name,
    );
    const expected = await serverIndexDefinitions('idx');
    const model = await readAs(db.uri);
    const actual = model.relations
      .filter((r) => r.schema === 'idx')
      .flatMap((r) => r.indexes.map((i) => `${r.name}.${i.name}: ${i.definition}`));
    expect(actual.sort()).toEqual(expected.sort());
    expect(actual).toContain('t.T b two: CREATE INDEX "T b two" ON idx.t USING btree (b, "Odd Col")');
    // The server left the plain ones to the reader (pg_get_indexdef costs 60 µs an index on PG15).
    const client = new pg.Client({ connectionString: db.uri });
    await client.connect();
    try {
      const file = server.major >= 15 ? 'catalog/indexes.sql' : 'catalog/indexes-14.sql';
      const raw = await client.query<{ name: string; definition: string | null }>(sqlFile(file), [
        [(await client.query<{ oid: number }>("SELECT 'idx'::regnamespace::oid AS oid")).rows[0]?.oid],
        null,
      ]);
      const leftToReader = raw.rows.filter((r) => r.definition === null).map((r) => r.name);
      expect(leftToReader.sort()).toEqual(
        ['T b two', 'parted_a_id_idx', 't_a', 't_at', 't_b_hash', 't_j', 't_order_u'].sort(),
      );
    } finally {
      await client.end();
    }
    expect(actual).toContain(
      't.t_order_u: CREATE UNIQUE INDEX t_order_u ON idx.t USING btree ("order") INCLUDE (a, b)',
    );
  });

  it('spells every constraint definition exactly as pg_get_constraintdef does', async () => {
    // The database's search_path (api, public) would leave names unqualified: read with an empty one.
    const results = (await superuserQuery(
      server,
      `SET search_path = '';
       SELECT c.relname AS table_name, con.conname AS name, pg_catalog.pg_get_constraintdef(con.oid) AS definition
       FROM pg_catalog.pg_constraint con JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
       WHERE c.relnamespace = 'api'::regnamespace AND con.contype <> 'n'`,
      db.name,
    )) as unknown as pg.QueryResult[];
    const rows = results[1]?.rows ?? [];
    const expected = (rows as { table_name: string; name: string; definition: string }[]).map(
      (r) => `${r.table_name}.${r.name}: ${r.definition}`,
    );
    const actual = asDev.relations
      .filter((r) => r.schema === 'api')
      .flatMap((r) => r.constraints.map((c) => `${r.name}.${c.name}: ${c.definition}`));
    expect(actual.sort()).toEqual(expected.sort());
    expect(actual).toContain(
      `authors.authors_order_key: UNIQUE ${server.major >= 15 ? 'NULLS NOT DISTINCT ' : ''}("order", mood) DEFERRABLE INITIALLY DEFERRED`,
    );
  });

  it('reads indexes, triggers, RLS flags, partitions and foreign tables', () => {
    const books = relation(asDev, 'books');
    expect(books).toMatchObject({ rlsEnabled: true, rlsForced: true });
    expect(books.indexes.find((i) => i.name === 'books_title_idx')).toMatchObject({
      columns: [null],
      include: ['id'],
      unique: false,
      method: 'btree',
      predicate: '(isbn IS NOT NULL)',
    });
    expect(books.triggers).toEqual([
      expect.objectContaining({
        name: 'books_touch',
        timing: 'before',
        events: ['insert', 'update'],
        level: 'row',
        function: { schema: 'api', name: 'touch', args: '' },
        enabled: 'origin',
      }),
    ]);
    expect(relation(asDev, 'events')).toMatchObject({
      kind: 'partitioned_table',
      partitionKey: 'RANGE (at)',
    });
    expect(relation(asDev, 'events_2024')).toMatchObject({
      kind: 'table',
      partitionOf: { schema: 'api', name: 'events' },
    });
    // The partition's primary key is its share of the parent's: a copy, marked as such.
    const pk = (r: Relation) => r.constraints.find((c) => c.kind === 'primary_key');
    expect(pk(relation(asDev, 'events_2024'))?.inherited).toBe(true);
    expect(pk(relation(asDev, 'events'))?.inherited).toBe(false);
    expect(relation(asDev, 'remote').kind).toBe('foreign_table');
  });

  it('reads views: definition, options, updatability and each column source', () => {
    const view = relation(asDev, 'book_view');
    expect(view.kind).toBe('view');
    expect(view.viewDefinition).toContain('FROM api.books b');
    expect(view.insertable && view.updatable && view.deletable).toBe(true);
    const src = (r: Relation, c: string) => r.columns.find((x) => x.name === c)?.source;
    expect(src(view, 'id')).toEqual({ schema: 'api', table: 'books', column: 'id' });
    expect(src(view, 'headline')).toEqual({ schema: 'api', table: 'books', column: 'title' });
    expect(src(view, 'shout')).toBeNull();
    const view2 = relation(asDev, 'book_view2');
    expect(src(view2, 'headline')).toEqual({ schema: 'api', table: 'books', column: 'title' });
    expect(src(view2, 'writer')).toEqual({ schema: 'api', table: 'books', column: 'author_id' });
    // One step back only: book_view2 reads book_view, which reads books.
    const origin = (r: Relation, c: string) => r.columns.find((x) => x.name === c)?.origin;
    expect(origin(view2, 'headline')).toEqual({ schema: 'api', table: 'book_view', column: 'headline' });
    expect(origin(view, 'headline')).toEqual({ schema: 'api', table: 'books', column: 'title' });
    expect(origin(view, 'shout')).toBeNull();
    expect(relation(asDev, 'authors').columns.every((c) => c.origin === null)).toBe(true);
    const nested = relation(asDev, 'nested');
    expect(src(nested, 'x')).toEqual({ schema: 'api', table: 'authors', column: 'name' });
    expect(src(nested, 'one')).toBeNull();
    expect(relation(asDev, 'secure')).toMatchObject({
      securityInvoker: server.major >= 15,
      securityBarrier: true,
      checkOption: 'local',
    });
    const stats = relation(asDev, 'author_stats');
    expect(stats.kind).toBe('materialized_view');
    expect(src(stats, 'author_id')).toEqual({ schema: 'api', table: 'books', column: 'author_id' });
    expect(relation(asDev, 'authors').columns.every((c) => c.source === null)).toBe(true);
  });

  it('reads sequences with their owners', () => {
    expect(asDev.sequences.find((s) => s.name === 'counter')).toMatchObject({
      start: '10',
      increment: '5',
      dataType: 'bigint',
      ownedBy: null,
      identity: false,
    });
    expect(asDev.sequences.find((s) => s.name === 'books_id_seq')).toMatchObject({
      ownedBy: { schema: 'api', table: 'books', column: 'id' },
      identity: false,
    });
    expect(asDev.sequences.find((s) => s.name === 'authors_id_seq')).toMatchObject({
      ownedBy: { schema: 'api', table: 'authors', column: 'id' },
      identity: true,
    });
  });

  it('reads functions and procedures: arguments, results, settings', () => {
    const fn = (n: string) => asDev.functions.find((f) => f.schema === 'api' && f.name === n);
    expect(fn('add')).toMatchObject({
      kind: 'function',
      identityArgs: 'a integer, b integer',
      volatility: 'immutable',
      strict: true,
      securityDefiner: false,
      language: 'sql',
      owner: roles.dev,
      comment: 'adds',
      returns: { setOf: false, isComposite: false, relation: null, type: { name: 'int4' } },
    });
    expect(fn('add')?.args.map((a) => [a.name, a.mode, a.type.name, a.hasDefault, a.default])).toEqual([
      ['a', 'in', 'int4', false, null],
      ['b', 'in', 'int4', true, '1'],
    ]);
    expect(fn('books_by')?.returns).toMatchObject({
      setOf: true,
      isComposite: true,
      isTable: false,
      relation: { schema: 'api', name: 'books' },
      text: 'SETOF api.books',
    });
    const search = fn('search');
    expect(search).toMatchObject({
      securityDefiner: true,
      volatility: 'stable',
      config: [{ name: 'search_path', value: 'api, pg_temp' }],
      returns: { setOf: true, isComposite: true, isTable: true, relation: null },
    });
    expect(search?.args.map((a) => [a.name, a.mode, a.type.formatted])).toEqual([
      ['q', 'in', 'text'],
      ['tags', 'variadic', 'text[]'],
      ['id', 'table', 'integer'],
      ['title', 'table', 'text'],
    ]);
    expect(search?.returns.columns.map((c) => c.name)).toEqual(['id', 'title']);
    expect(fn('reset')).toMatchObject({ kind: 'procedure' });
    expect(fn('reset')?.args[0]).toMatchObject({ name: 'n', mode: 'inout' });
  });

  it('reads enums, domains, composite and range types', () => {
    const t = (n: string) => asDev.types.find((x) => x.schema === 'api' && x.name === n);
    expect(t('mood')).toMatchObject({
      kind: 'enum',
      labels: ['sad', 'ok', 'happy'],
      comment: 'how it feels',
    });
    expect(t('email')).toMatchObject({
      kind: 'domain',
      domain: {
        baseType: { name: 'text' },
        notNull: true,
        constraints: [
          expect.objectContaining({ name: 'email_at', definition: "CHECK ((VALUE ~ '@'::text))" }),
          // From 17 a domain's NOT NULL is a constraint with a name.
          ...(server.major >= 17
            ? [expect.objectContaining({ name: 'email_not_null', notNull: true, definition: 'NOT NULL' })]
            : []),
        ],
      },
    });
    expect(t('pair')?.attributes.map((a) => [a.name, a.type.formatted])).toEqual([
      ['a', 'integer'],
      ['b', 'text'],
    ]);
    expect(t('span')).toMatchObject({ kind: 'range', rangeSubtype: { name: 'int4' } });
    expect(t('span_multirange')?.kind).toBe('multirange');
    expect(asDev.types.some((x) => x.name === 'authors' || x.name === '_mood')).toBe(false);
  });

  it('decodes ACLs into grants, with PUBLIC distinguished and implicit owner defaults', () => {
    const grants = (kind: string, name: string, member?: string) =>
      asDev.grants.filter(
        (g) =>
          g.object.kind === kind &&
          g.object.name === name &&
          (member === undefined || g.object.member === member),
      );
    expect(grants('relation', 'books')).toContainEqual({
      object: { kind: 'relation', schema: 'api', name: 'books' },
      grantee: { kind: 'role', name: roles.anon },
      privilege: 'SELECT',
      grantor: roles.dev,
      grantable: true,
      implicit: false,
    });
    const authorsName = grants('column', 'authors', 'name').filter(
      (g) => g.grantee.kind === 'role' && g.grantee.name === roles.anon,
    );
    expect(authorsName.map((g) => g.privilege).sort()).toEqual(['SELECT', 'UPDATE']);
    expect(grants('column', 'authors', 'id').map((g) => g.privilege)).toEqual(['SELECT']);
    const add = grants('function', 'add');
    expect(add.some((g) => g.grantee.kind === 'public')).toBe(false);
    expect(add.find((g) => g.grantee.kind === 'role' && g.grantee.name === roles.auth)?.privilege).toBe(
      'EXECUTE',
    );
    expect(add[0]?.object.args).toBe('a integer, b integer');
    // cheer keeps the built-in default: EXECUTE for PUBLIC and the owner, marked implicit.
    const cheer = grants('function', 'cheer');
    expect(cheer).toContainEqual(expect.objectContaining({ grantee: { kind: 'public' }, implicit: true }));
    expect(grants('sequence', 'counter')).toContainEqual(
      expect.objectContaining({ grantee: { kind: 'role', name: roles.auth }, privilege: 'USAGE' }),
    );
    expect(grants('type', 'mood')).toContainEqual(
      expect.objectContaining({ grantee: { kind: 'role', name: roles.anon }, privilege: 'USAGE' }),
    );
    expect(grants('schema', 'api')).toContainEqual(
      expect.objectContaining({
        grantee: { kind: 'role', name: roles.anon },
        privilege: 'USAGE',
        implicit: false,
      }),
    );
    expect(grants('database', db.name)).toContainEqual(
      expect.objectContaining({ grantee: { kind: 'role', name: roles.anon }, privilege: 'CONNECT' }),
    );
    // Languages: plpgsql's USAGE kept from PUBLIC and given to dev; sql's NULL ACL read as its defaults.
    expect(grants('language', 'plpgsql').map((g) => [g.grantee, g.grantable, g.implicit])).toEqual([
      [{ kind: 'role', name: roles.dev }, true, false],
      [{ kind: 'role', name: asSuper.server.currentUser }, false, false],
    ]);
    expect(grants('language', 'sql').map((g) => [g.grantee.kind, g.implicit])).toEqual([
      ['public', true],
      ['role', true],
    ]);
    expect(grants('language', 'c')).toEqual([]);
    expect(asDev.languages?.find((l) => l.name === 'plpgsql')).toMatchObject({
      trusted: true,
      extension: 'plpgsql',
    });
    expect(asDev.languages?.find((l) => l.name === 'c')).toMatchObject({ trusted: false, extension: null });
    const bookings = grants('relation', 'bookings');
    expect(
      bookings.every((g) => g.implicit && g.grantee.kind === 'role' && g.grantee.name === roles.dev),
    ).toBe(true);
    expect(bookings.map((g) => g.privilege)).toEqual(
      expect.arrayContaining(['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER']),
    );
  });

  it('reads default privileges, per schema and global', () => {
    expect(asDev.defaultPrivileges).toContainEqual({
      role: roles.dev,
      schema: 'api',
      objectType: 'tables',
      grants: [
        {
          grantee: { kind: 'role', name: roles.anon },
          privilege: 'SELECT',
          grantor: roles.dev,
          grantable: false,
        },
      ],
    });
    expect(asDev.defaultPrivileges).toContainEqual({
      role: roles.dev,
      schema: null,
      objectType: 'functions',
      grants: [
        {
          grantee: { kind: 'role', name: roles.dev },
          privilege: 'EXECUTE',
          grantor: roles.dev,
          grantable: false,
        },
      ],
    });
  });

  it('reads RLS policies with roles, commands and expressions', () => {
    const read = asDev.policies.find((p) => p.name === 'books_read');
    expect(read).toEqual({
      schema: 'api',
      table: 'books',
      name: 'books_read',
      permissive: true,
      command: 'SELECT',
      roles: [{ kind: 'public' }],
      using: '(author_id > 0)',
      withCheck: null,
      comment: 'everyone reads',
    });
    const own = asDev.policies.find((p) => p.name === 'books_own');
    expect(own).toMatchObject({
      permissive: false,
      command: 'UPDATE',
      roles: [roles.anon, roles.auth].sort().map((name) => ({ kind: 'role', name })),
      using: '(author_id = 1)',
      withCheck: '(author_id = 1)',
    });
  });

  it('reads dependencies between model objects', () => {
    const has = (fromName: string, toName: string, via?: string) =>
      asDev.dependencies.some(
        (d) => d.from.name === fromName && d.to.name === toName && (via === undefined || d.via === via),
      );
    expect(has('book_view', 'books', 'rule')).toBe(true);
    expect(has('book_view2', 'book_view', 'rule')).toBe(true);
    expect(has('books', 'authors', 'constraint')).toBe(true);
    expect(has('cheer', 'mood')).toBe(true);
    expect(has('authors', 'mood')).toBe(true);
    expect(has('books_by', 'books')).toBe(true);
    expect(has('books', 'touch', 'trigger')).toBe(true);
    expect(has('books_id_seq', 'books')).toBe(true);
    expect(asDev.dependencies.some((d) => d.from.name === d.to.name && d.from.kind === d.to.kind)).toBe(
      false,
    );
  });

  it('indexes the model for lookups by name', () => {
    const index = catalogIndex(asDev);
    expect(catalogIndex(asDev)).toBe(index);
    expect(index.relation('api', 'books')?.kind).toBe('table');
    expect(index.column('api', 'authors', 'name')?.comment).toBe('display name');
    expect(index.columns('api', 'books').map((c) => c.name)).toEqual(['id', 'author_id', 'title', 'isbn']);
    expect(index.primaryKey('api', 'authors')).toEqual(['id']);
    const [from] = index.foreignKeysFrom('api', 'books');
    expect(from?.constraint.name).toBe('books_author_fk');
    expect(from?.referenced?.name).toBe('authors');
    expect(index.foreignKeysTo('api', 'authors').map((e) => e.table.name)).toEqual(['books']);
    expect(index.functions('api', 'add').map((f) => f.identityArgs)).toEqual(['a integer, b integer']);
    expect(
      index
        .policies('api', 'books')
        .map((p) => p.name)
        .sort(),
    ).toEqual(['books_own', 'books_read']);
    expect(index.membershipsOf(roles.member).map((m) => m.role)).toEqual([roles.auth]);
    expect(index.type('api', 'mood')?.labels).toEqual(['sad', 'ok', 'happy']);
    const onBooks = index.grantsOn({ kind: 'relation', schema: 'api', name: 'books' });
    expect(onBooks.some((g) => g.grantee.kind === 'role' && g.grantee.name === roles.anon)).toBe(true);
    expect(
      index
        .grantsTo(roles.auth)
        .map((g) => g.object.name)
        .sort(),
    ).toEqual(['add', 'counter']);
    expect(
      index.dependentsOf({ kind: 'relation', schema: 'api', name: 'books' }).map((d) => d.from.name),
    ).toEqual(expect.arrayContaining(['book_view', 'books_by']));
  });

  it('reads only the schemas asked for', async () => {
    const client = new pg.Client({ connectionString: db.uri });
    await client.connect();
    try {
      const only = await readCatalog(client, { schemas: ['public'] });
      expect(only.schemas.map((s) => s.name)).toEqual(['public']);
      expect(only.relations.map((r) => r.name)).toEqual(['countries']);
      expect(only.excludedSchemas).toContain('api');
      // A foreign key into a schema that was not read still names the referenced columns.
      const api = await readCatalog(client, { schemas: ['api'] });
      const fk = api.relations
        .find((r) => r.name === 'bookings')
        ?.constraints.find((c) => c.kind === 'foreign_key');
      expect(fk?.foreignKey).toMatchObject({
        table: { schema: 'public', name: 'countries' },
        columns: ['code'],
      });
    } finally {
      await client.end();
    }
  });

  it('reports a refused catalog query as GH200 naming the query (run last: it revokes in this database)', async () => {
    await superuserQuery(server, 'REVOKE SELECT ON pg_catalog.pg_policy FROM PUBLIC', db.name);
    try {
      await expect(readAs(asUser(db.uri, roles.dev, DEV_PASSWORD))).rejects.toMatchObject({
        code: 'GH200',
        message: expect.stringMatching(
          /catalog query \S+\.sql was refused: permission denied for table pg_policy/,
        ),
      });
    } finally {
      await superuserQuery(server, 'GRANT SELECT ON pg_catalog.pg_policy TO PUBLIC', db.name);
    }
  });
});
