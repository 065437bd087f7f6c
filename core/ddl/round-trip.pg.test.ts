import { conformanceDir } from '../../test/conformance-dir.js';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Catalog } from '../../shared/model/catalog.js';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  withDatabase,
  type TestServer,
} from '../../test/pg.js';
import {
  dropRoles,
  fixtureRoles,
  eventTriggerSetup,
  ownerSetup,
  publicationSetup,
  ruleSetup,
  superuserSetup,
} from '../catalog/testing/fixture.js';
import { seedDemo, type DemoNames } from '../embedded/demo-seed.js';
import { ddlForDatabase, ddlForRoles } from './database-ddl.js';
import { dropRole } from './roles.js';
import { toScript } from './statement.js';
import { databaseParts, withoutOids } from './testing/normalise.js';
import { readModel, runScript, runStatements } from './testing/run.js';

// Every object of each fixture, written by ddlForDatabase, applied to an empty database and read back through
// the catalog, gives the same model (OIDs aside). Roles are cluster-wide: the fixtures' roles carry a unique
// suffix, and the role round trip writes them under a second suffix.

const corpusDir = conformanceDir;

interface Loaded {
  readonly model: Catalog;
  readonly roles: readonly string[];
  drop(): Promise<void>;
}

async function catalogFixture(server: TestServer): Promise<Loaded> {
  const db = await createTempDatabase(server, 'gh_rt_cat');
  const roles = fixtureRoles(uniqueSuffix());
  await superuserQuery(server, superuserSetup(roles, db.name, server.major), db.name);
  await superuserQuery(server, ownerSetup(roles, server.major), db.name);
  await superuserQuery(server, eventTriggerSetup(), db.name);
  await superuserQuery(server, publicationSetup(server.major), db.name);
  await superuserQuery(server, ruleSetup(), db.name);
  return {
    model: await readModel(db.uri),
    roles: [roles.dev, roles.anon, roles.auth, roles.member],
    drop: async () => {
      await db.drop();
      await superuserQuery(server, dropRoles(roles));
    },
  };
}

async function corpusFixture(server: TestServer): Promise<Loaded> {
  const sfx = uniqueSuffix();
  const db = await createTempDatabase(server, 'gh_rt_cf');
  const sql = readFileSync(resolve(corpusDir, 'fixture.sql'), 'utf8').replace(
    /\bcf_(authenticator|anon|user|admin)\b/g,
    `cf_$1_${sfx}`,
  );
  await runScript(db.uri, sql);
  const roles = ['authenticator', 'anon', 'user', 'admin'].map((r) => `cf_${r}_${sfx}`);
  return {
    model: await readModel(db.uri),
    roles,
    drop: async () => {
      await db.drop();
      await runStatements(
        server.superuserUri,
        roles.map((r) => dropRole(r, { ifExists: true })),
      );
    },
  };
}

async function demoFixture(server: TestServer): Promise<Loaded> {
  const sfx = uniqueSuffix();
  const names: DemoNames = {
    database: `gh_rt_demo_${sfx}`,
    authenticator: `authenticator_${sfx}`,
    anon: `anon_${sfx}`,
    appUser: `app_user_${sfx}`,
    appAdmin: `app_admin_${sfx}`,
    developer: `developer_${sfx}`,
  };
  const url = new URL(server.superuserUri);
  await seedDemo(
    {
      host: url.hostname,
      port: Number(url.port),
      superuser: decodeURIComponent(url.username),
      superuserPassword: decodeURIComponent(url.password),
    },
    { developer: `dev-${sfx}`, authenticator: `auth-${sfx}` },
    names,
  );
  const roles = [names.authenticator, names.anon, names.appUser, names.appAdmin, names.developer];
  return {
    model: await readModel(withDatabase(server.superuserUri, names.database)),
    roles,
    drop: async () => {
      await superuserQuery(server, `DROP DATABASE IF EXISTS "${names.database}" WITH (FORCE)`);
      await runStatements(
        server.superuserUri,
        roles.map((r) => dropRole(r, { ifExists: true })),
      );
    },
  };
}

// Collations (libc and ICU, used by columns, a domain, a composite, a range and an index), range options, extended statistics (kinds, expressions, a
// target, a comment), SQL-standard function bodies, and column storage, compression and statistics targets, on a
// table, an inheritance child that differs from its parent, a partition and a materialized view.
const FACTS_SQL = `
CREATE SCHEMA facts;
CREATE COLLATION facts.bytes (provider = libc, locale = 'C');
CREATE COLLATION facts.split (lc_collate = 'C', lc_ctype = 'POSIX');
CREATE COLLATION facts.nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false);
COMMENT ON COLLATION facts.nocase IS 'case-insensitive';
CREATE DOMAIN facts.tag AS text COLLATE facts.nocase;
CREATE TABLE facts.docs (id integer, title text COLLATE facts.bytes, body text, tag facts.tag, n numeric);
ALTER TABLE facts.docs ALTER body SET STORAGE EXTERNAL, ALTER body SET COMPRESSION pglz,
  ALTER id SET STATISTICS 300, ALTER n SET STORAGE EXTENDED;
CREATE TABLE facts.docs_child (extra text) INHERITS (facts.docs);
ALTER TABLE ONLY facts.docs_child ALTER body SET STORAGE MAIN, ALTER body SET COMPRESSION default;
CREATE INDEX docs_title_split ON facts.docs (title COLLATE facts.split);
CREATE INDEX docs_lower_body ON facts.docs (id, lower(body));
ALTER INDEX facts.docs_lower_body ALTER COLUMN 2 SET STATISTICS 150;
CREATE STATISTICS facts.docs_geo (ndistinct, dependencies) ON id, title FROM facts.docs;
CREATE STATISTICS facts.docs_expr ON lower(body), id FROM facts.docs;
ALTER STATISTICS facts.docs_expr SET STATISTICS 25;
COMMENT ON STATISTICS facts.docs_geo IS 'geo';
CREATE TABLE facts.events (at date, payload text) PARTITION BY RANGE (at);
CREATE TABLE facts.events_1 PARTITION OF facts.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE ONLY facts.events_1 ALTER payload SET STORAGE MAIN;
CREATE MATERIALIZED VIEW facts.titles AS SELECT id, title FROM facts.docs;
ALTER MATERIALIZED VIEW facts.titles ALTER title SET STATISTICS 20;
CREATE FUNCTION facts.time_diff(a time, b time) RETURNS double precision
  LANGUAGE sql IMMUTABLE STRICT AS 'SELECT EXTRACT(EPOCH FROM (a - b))::double precision';
CREATE TYPE facts.timerange AS RANGE (SUBTYPE = time, SUBTYPE_DIFF = facts.time_diff, MULTIRANGE_TYPE_NAME = facts.time_spans);
CREATE TYPE facts.names AS RANGE (SUBTYPE = text, COLLATION = facts.bytes, SUBTYPE_OPCLASS = text_pattern_ops);
CREATE TYPE facts.pair AS (a text COLLATE facts.bytes, b integer);
CREATE FUNCTION facts.twice(x integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN x * 2;
CREATE FUNCTION facts.doc_count() RETURNS bigint LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT count(*) FROM facts.docs;
END;
`;

async function factsFixture(server: TestServer): Promise<Loaded> {
  const db = await createTempDatabase(server, 'gh_rt_facts');
  await superuserQuery(server, FACTS_SQL, db.name);
  return { model: await readModel(db.uri), roles: [], drop: () => db.drop() };
}

const fixtures: [string, (s: TestServer) => Promise<Loaded>, number][] = [
  ['collations, statistics and column facts', factsFixture, 14],
  ['catalog fixture', catalogFixture, 14],
  ['conformance corpus fixture', corpusFixture, 14],
  // The demo's view is security_invoker (PostgreSQL 15+).
  ['demo seed', demoFixture, 15],
];

/** Renames the given roles everywhere the role DDL reads them (roles, memberships, role settings). */
function renameRoles(model: Catalog, map: ReadonlyMap<string, string>): Catalog {
  const r = (n: string) => map.get(n) ?? n;
  const rn = (n: string | null) => (n === null ? null : r(n));
  return {
    ...model,
    roles: model.roles.map((x) => ({ ...x, name: r(x.name) })),
    memberships: model.memberships.map((m) => ({
      ...m,
      role: r(m.role),
      member: r(m.member),
      grantor: rn(m.grantor),
    })),
    roleSettings: model.roleSettings.map((s) => ({ ...s, role: rn(s.role) })),
  };
}

describe.each(pgServers())('DDL round trip on $label', (server) => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c().catch(() => undefined);
  });

  describe.each(fixtures.filter(([, , min]) => server.major >= min))('%s', (_name, load) => {
    it('writes every object so that it reads back the same', async () => {
      const source = await load(server);
      cleanups.push(source.drop);
      const target = await createTempDatabase(server, 'gh_rt_target');
      cleanups.push(target.drop);

      const ddl = ddlForDatabase(source.model, { database: target.name });
      expect(ddl.skipped).toEqual([]);
      // Foreign data wrappers and servers are not in the model: the target has them as the source does.
      if (source.model.relations.some((r) => r.kind === 'foreign_table'))
        await superuserQuery(
          server,
          'CREATE FOREIGN DATA WRAPPER gh_dummy_fdw; CREATE SERVER gh_dummy_server FOREIGN DATA WRAPPER gh_dummy_fdw',
          target.name,
        );
      try {
        await runScript(target.uri, toScript(ddl.statements));
      } catch (error) {
        // Find the failing statement for the message.
        await runStatements(target.uri, ddl.statements).catch((e: unknown) => {
          throw e;
        });
        throw error;
      }
      const back = await readModel(target.uri);

      const skippedNames = new Set(ddl.skipped.map((s) => `${s.object.schema}.${s.object.name}`));
      const withoutSkipped = (m: Catalog): Catalog => ({
        ...m,
        relations: m.relations.filter((r) => !skippedNames.has(`${r.schema}.${r.name}`)),
        grants: m.grants.filter((g) => !skippedNames.has(`${g.object.schema}.${g.object.name}`)),
        dependencies: m.dependencies.filter(
          (d) =>
            !skippedNames.has(`${d.from.schema}.${d.from.name}`) &&
            !skippedNames.has(`${d.to.schema}.${d.to.name}`),
        ),
      });
      const want = databaseParts(withoutSkipped(source.model), target.name);
      const got = databaseParts(back);
      for (const part of Object.keys(want)) expect({ [part]: got[part] }).toEqual({ [part]: want[part] });
    });

    it('writes its roles so that they read back the same', async () => {
      const source = await load(server);
      cleanups.push(source.drop);
      const target = await createTempDatabase(server, 'gh_rt_roles');
      cleanups.push(target.drop);
      const sfx = uniqueSuffix();
      const map = new Map(source.roles.map((r) => [r, `${r.slice(0, 40)}_rt_${sfx}`]));
      const renamed = renameRoles(source.model, map);
      const names = new Set(map.values());
      const statements = ddlForRoles(renamed, { roles: (r) => names.has(r.name), database: target.name });
      cleanups.push(() =>
        runStatements(
          server.superuserUri,
          [...names].map((n) => dropRole(n, { ifExists: true })),
        ),
      );
      await runStatements(target.uri, statements);
      const back = await readModel(target.uri);

      const pick = (m: Catalog, db: string) =>
        withoutOids({
          roles: m.roles.filter((r) => names.has(r.name)).map((r) => ({ ...r, hasPassword: null })),
          memberships: m.memberships.filter((x) => names.has(x.role) || names.has(x.member)),
          roleSettings: m.roleSettings.filter(
            (s) => s.role !== null && names.has(s.role) && (s.database === null || s.database === db),
          ),
        });
      const want = pick(renamed, source.model.database.name) as Record<string, unknown[]>;
      const got = pick(back, target.name) as Record<string, unknown[]>;
      expect(want.roles).toHaveLength(source.roles.length);
      expect(got.roles).toEqual(want.roles);
      expect(got.memberships).toEqual(want.memberships);
      const db = (list: unknown[] | undefined, name: string) =>
        (list as { database: string | null }[]).map((s) => ({
          ...s,
          database: s.database === name ? 'THE DB' : s.database,
        }));
      expect(db(got.roleSettings, target.name)).toEqual(db(want.roleSettings, source.model.database.name));
    });
  });
});
