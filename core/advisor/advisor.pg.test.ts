import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AdvisorReport, Finding, FindingLink } from '../../shared/contract/advisor.js';
import { refKey, type ObjectRef } from '../../shared/model/catalog.js';
import { advisorReportSchema, endpointsOf } from '../../shared/contract/advisor.js';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TestServer,
} from '../../test/pg.js';
import { readCatalog } from '../catalog/read-catalog.js';
import { loadAcks, saveAck } from './ack.js';
import { loadAdvisorConfig } from './config-view.js';
import { FINDING_IDS, type FindingId } from './registry.js';
import { advise } from './run.js';
import {
  cleanSql,
  configText,
  fill,
  fixtureRoles,
  mistakes,
  rolesSql,
  type FixtureRoles,
} from './testing/fixtures.js';

/**
 * Where each finding sends the studio: the role graph, the grants matrix, the policy editor… (complete by type;
 * a list where the object decides: a missing schema or function is a postgrest.conf setting, a function body is
 * shown in the explorer).
 */
const LINK_VIEW: Record<FindingId, FindingLink['view'] | readonly FindingLink['view'][]> = {
  role_superuser: 'role',
  role_bypassrls: 'role',
  authenticator_inherit: 'role',
  authenticator_owns_objects: 'role',
  request_role_login: 'role',
  role_not_granted: 'role',
  table_without_rls: 'policy',
  write_without_policy: 'grant',
  view_over_table_without_rls: 'policy',
  rls_not_forced: 'policy',
  policy_write_all: 'policy',
  public_read_policy: 'policy',
  policy_rls_disabled: 'policy',
  rls_no_policy: 'policy',
  obsolete_jwt_claim_setting: ['policy', 'explorer'],
  function_public_execute: 'grant',
  default_execute_public: 'default-privileges',
  security_definer_exposed: 'explorer',
  security_definer_search_path: 'explorer',
  view_bypasses_rls: 'explorer',
  public_grant: 'grant',
  schema_without_usage: ['grant', 'postgrest-config'],
  pre_request_unusable: ['grant', 'postgrest-config'],
  jwt_secret_short: 'postgrest-config',
  system_schema_exposed: 'postgrest-config',
  policy_per_row_call: 'policy',
  multiple_permissive_policies: 'policy',
  unindexed_policy_column: 'explorer',
  unindexed_foreign_key: 'explorer',
};

/**
 * Whether a finding's link shows one of the objects the finding names (the cell's grantee among them, an object
 * or one of the request roles it lists), or the postgrest.conf setting it is about.
 */
function linkShowsItsObjects(f: Finding): boolean {
  const has = (ref: ObjectRef) =>
    f.objects.some((o) => refKey(o) === refKey(ref)) ||
    (ref.kind === 'role' && f.roles.names.includes(ref.name));
  const role = (name: string): ObjectRef => ({ kind: 'role', schema: null, name });
  const l = f.link;
  switch (l?.view) {
    case 'role':
      return has(role(l.role));
    case 'grant':
      return has(l.object) && (l.grantee === null || l.grantee === 'PUBLIC' || has(role(l.grantee)));
    case 'default-privileges':
      return has(role(l.owner));
    case 'policy': {
      const { schema, name } = l.table;
      return (
        has({ kind: 'relation', schema, name }) &&
        (l.policy === null || has({ kind: 'policy', schema, name, member: l.policy }))
      );
    }
    case 'explorer':
      return f.objects.some((o) => o.schema === l.object.schema && o.name === l.object.name);
    case 'postgrest-config':
      return has({ kind: 'database', schema: null, name: l.key });
    default:
      return false;
  }
}

interface Fixture {
  readonly roles: FixtureRoles;
  readonly db: { readonly name: string; readonly uri: string; drop(): Promise<void> };
  run(sql: string): Promise<void>;
  advise(extraConfig?: string, acks?: Parameters<typeof advise>[0]['acks']): Promise<AdvisorReport>;
  drop(): Promise<void>;
}

/** A fresh database with the clean API and its own roles. */
async function cleanFixture(server: TestServer): Promise<Fixture> {
  const roles = fixtureRoles(uniqueSuffix());
  const db = await createTempDatabase(server, 'gh_adv');
  await superuserQuery(server, fill(rolesSql, roles), db.name);
  await superuserQuery(server, fill(cleanSql(server.major), roles), db.name);
  const run = async (sql: string) => {
    await superuserQuery(server, fill(sql, roles), db.name);
  };
  return {
    roles,
    db,
    run,
    async advise(extraConfig = '', acks = []) {
      const client = new pg.Client({ connectionString: db.uri });
      await client.connect();
      try {
        const catalog = await readCatalog(client);
        const config = loadAdvisorConfig({ text: configText(roles, db.name, extraConfig), env: {} });
        return advisorReportSchema.parse(advise({ catalog, config, acks }));
      } finally {
        await client.end();
      }
    },
    async drop() {
      await db.drop();
      const list = [roles.owner, roles.auth, roles.anon, roles.user].map((r) => `"${r}"`).join(', ');
      await superuserQuery(server, `DROP ROLE IF EXISTS ${list}`);
    },
  };
}

const serious = (r: AdvisorReport) => r.findings.filter((f) => f.severity !== 'info');

describe.each(pgServers())('exposure advisor ($label)', (server) => {
  describe('the clean database (PostgREST production checklist)', () => {
    let f: Fixture;
    let report: AdvisorReport;
    beforeAll(async () => {
      f = await cleanFixture(server);
      report = await f.advise();
    });
    afterAll(async () => f?.drop());

    it('produces no error and no warning, and notes the public read policy', () => {
      expect(serious(report).map((x) => x.message)).toEqual([]);
      expect(report.findings.map((x) => x.key)).toEqual([
        'public_read_policy:policy posts_read on api.posts',
      ]);
      expect(report.assumptions).toEqual([]);
    });

    it('maps what each request role reaches', () => {
      const { anon, user, auth } = f.roles;
      expect(report.reach.authenticator).toBe(auth);
      expect(report.reach.roles.map((r) => [r.role, r.as])).toEqual([
        [anon, 'anon'],
        [user, 'jwt'],
      ]);
      const anonReach = endpointsOf(report.reach, report.reach.roles[0]!);
      expect(
        anonReach.map((e) => [e.path, e.methods.map((m) => m.method).join(','), e.rows, e.write]),
      ).toEqual([
        ['/posts', 'GET,HEAD', 'filtered', false],
        ['/rpc/add', 'GET,HEAD,POST', 'filtered', false],
      ]);
      const userReach = endpointsOf(report.reach, report.reach.roles[1]!);
      const todos = userReach.find((e) => e.path === '/todos');
      expect(todos?.methods.map((m) => m.method)).toEqual(['GET', 'HEAD', 'POST', 'PATCH', 'PUT', 'DELETE']);
      expect(todos).toMatchObject({ rows: 'filtered', write: true });
      expect(userReach.find((e) => e.path === '/rpc/complete')).toMatchObject({
        write: true,
        methods: [{ method: 'POST' }],
      });
      if (server.major >= 15)
        expect(userReach.find((e) => e.path === '/open_todos')).toMatchObject({ rows: 'filtered' });
    });

    it('shows column-level grants as the columns each method may touch', async () => {
      await f.run(
        'CREATE TABLE api.profiles (id int PRIMARY KEY, name text, email text); ' +
          'ALTER TABLE api.profiles ENABLE ROW LEVEL SECURITY; ' +
          'CREATE POLICY profiles_read ON api.profiles FOR SELECT TO {user} USING (true); ' +
          'GRANT SELECT (id, name), UPDATE (name) ON api.profiles TO {user};',
      );
      const r = await f.advise();
      const profiles = endpointsOf(r.reach, r.reach.roles[1]!).find((e) => e.path === '/profiles');
      expect(profiles?.methods).toEqual([
        { method: 'GET', columns: ['id', 'name'] },
        { method: 'HEAD', columns: ['id', 'name'] },
        { method: 'PATCH', columns: ['name'] },
      ]);
      await f.run('DROP TABLE api.profiles;');
    });

    it('keeps an acknowledgement while the object is unchanged, and drops it when it changes', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'gh-ack-'));
      const file = join(dir, 'gatehouse-advisor.json');
      const finding = report.findings[0]!;
      saveAck(file, finding, 'the blog is public', 'test');
      const acked = await f.advise('', loadAcks(file));
      expect(acked.findings[0]?.acknowledged?.reason).toBe('the blog is public');
      expect(acked.staleAcks).toEqual([]);
      // A new column changes nothing about who reaches which rows: the acknowledgement holds.
      await f.run('ALTER TABLE api.posts ADD COLUMN gh_note text;');
      const widened = await f.advise('', loadAcks(file));
      expect(widened.findings[0]?.acknowledged?.reason).toBe('the blog is public');
      await f.run('ALTER TABLE api.posts DROP COLUMN gh_note;');
      await f.run('ALTER POLICY posts_read ON api.posts TO {anon};');
      const changed = await f.advise('', loadAcks(file));
      expect(changed.findings[0]?.key).toBe(finding.key);
      expect(changed.findings[0]?.acknowledged).toBeNull();
      expect(changed.staleAcks.map((s) => s.key)).toEqual([finding.key]);
      await f.run('ALTER POLICY posts_read ON api.posts TO {anon}, {user};');
    });

    it('names the line of an acknowledgements file that does not parse or fit', () => {
      const dir = mkdtempSync(join(tmpdir(), 'gh-ack-'));
      const bad = join(dir, 'bad.json');
      writeFileSync(bad, '{\n  "acknowledgements": [\n    {"finding": "x",}\n  ]\n}\n');
      expect(() => loadAcks(bad)).toThrow(/bad\.json:3: .*not valid JSON/);
      writeFileSync(
        bad,
        '{\n  "acknowledgements": [\n    {\n      "finding": "x",\n      "object": "y",\n      "fingerprint": "z",\n      "reason": 3\n    }\n  ]\n}\n',
      );
      expect(() => loadAcks(bad)).toThrow(/bad\.json:7: acknowledgements\.0\.reason/);
    });
  });

  it('has a fixture for every finding it knows', () => {
    expect(new Set(mistakes.map((m) => m.finding))).toEqual(new Set(FINDING_IDS));
  });

  describe.each(mistakes)('the $finding fixture', (m) => {
    let f: Fixture;
    beforeAll(async () => {
      f = await cleanFixture(server);
      if (m.sql) await f.run(m.sql);
    });
    afterAll(async () => f?.drop());

    it('plants the finding, names its object, and its fix makes it go away', async () => {
      const report = await f.advise(m.config ?? '');
      const key = `${m.finding}:${m.object(f.roles)}`;
      const found = report.findings.find((x) => x.key === key);
      expect(found, `${key} among ${report.findings.map((x) => x.key).join(' | ')}`).toBeDefined();
      const name =
        m
          .object(f.roles)
          .replace(/^(role|config|function|schema|policy) /, '')
          .split(' on ')[0] ?? '';
      expect(found?.message).toContain(name.split('.').pop());
      expect(found?.why.length).toBeGreaterThan(80);
      expect([LINK_VIEW[m.finding as FindingId]].flat()).toContain(found?.link?.view);
      expect(linkShowsItsObjects(found!), JSON.stringify(found?.link)).toBe(true);
      const fixable = typeof m.fixable === 'function' ? m.fixable(server.major) : m.fixable;
      if (!fixable) {
        expect(found?.fix === null || m.finding === 'multiple_permissive_policies').toBe(true);
        return;
      }
      expect(found?.fix?.statements.length).toBeGreaterThan(0);
      await f.run(`BEGIN;\n${found!.fix!.statements.map((s) => s.sql + ';').join('\n')}\nCOMMIT;`);
      const after = await f.advise(m.config ?? '');
      expect(after.findings.map((x) => x.key)).not.toContain(key);
    });
  });

  describe('a postgrest.conf it cannot fully use', () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await cleanFixture(server);
    });
    afterAll(async () => f?.drop());

    it('leaves out a bad line, says so, and still runs', async () => {
      const r = await f.advise('db-max-rows = "lots"\nthis is not a setting');
      expect(r.assumptions.join('\n')).toMatch(/postgrest\.conf:6.*left out/);
      expect(r.assumptions.join('\n')).toMatch(/postgrest\.conf:5.*not an integer.*left out/);
      expect(serious(r)).toEqual([]);
    });

    it('infers the authenticator when db-uri names none, and says so', async () => {
      const client = new pg.Client({ connectionString: f.db.uri });
      await client.connect();
      try {
        const catalog = await readCatalog(client);
        const text = `db-schemas = "api"\ndb-anon-role = "${f.roles.anon}"\njwt-secret = "${'x'.repeat(40)}"`;
        const r = advise({ catalog, config: loadAdvisorConfig({ text, env: {} }) });
        expect(r.reach.authenticator).toBe(f.roles.auth);
        expect(r.assumptions.join('\n')).toContain(`the authenticator is taken to be ${f.roles.auth}`);
        const missing = advise({
          catalog,
          config: loadAdvisorConfig({ file: '/nonexistent/postgrest.conf', env: {} }),
        });
        expect(missing.assumptions[0]).toMatch(/does not exist: PostgREST's defaults/);
        expect(missing.reach.schemas).toEqual(['public']);
      } finally {
        await client.end();
      }
    });
  });
});
