import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApplyResult } from '../../shared/contract/changeset.js';
import type { CallOutput } from '../../shared/contract/index.js';
import type { RoleChangeInput } from '../../shared/contract/roles.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { effectivePrivileges } from '../../shared/model/effective-privileges.js';
import { scramVerifier } from '../../shared/roles/scram.js';
import { postgrestTemplate } from '../../shared/roles/template.js';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../../test/pg.js';
import { createStudioContext, type StudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { fakeEnvironment } from '../connections/test-environment.js';

// Round trips: an edit as the roles/grants panels describe it → DDL (core/ddl) → the change set applied in one
// transaction (core/changeset) → the catalog read back shows the change. Membership options differ from 16 on.

describe.each(pgServers())('roles and grants round trip ($label)', (server) => {
  let db: TempDatabase;
  let context: StudioContext;
  let dataDir: string;
  let connectionId: string;
  const sfx = uniqueSuffix();
  const n = (r: string) => `${r}_${sfx}`;
  const created: string[] = [];
  const url = new URL(server.superuserUri);

  const call = async <T>(name: Parameters<typeof dispatch>[2], input: unknown): Promise<T> => {
    const r = await dispatch(handlers, context, name, input);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };
  const plan = (changes: RoleChangeInput[], queue = true) =>
    call<CallOutput<'roles.plan'>>('roles.plan', { connectionId, changes, queue, panel: 'roles' });
  const apply = async () => {
    const r = await call<ApplyResult>('changeset.apply', { connectionId });
    expect(r.failure?.error.message ?? null).toBeNull();
    expect(r.outcome).toBe('applied');
    return r;
  };
  const model = () => call<Catalog>('catalog.read', { connectionId });
  const sql = async (text: string) => (await superuserQuery(server, text, db.name)).rows;

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_roles');
    await sql(`CREATE SCHEMA api; CREATE TABLE api.members (id int PRIMARY KEY, name text, secret text);
               CREATE FUNCTION api.hello() RETURNS int LANGUAGE sql AS 'SELECT 1';`);
    dataDir = mkdtempSync(join(tmpdir(), 'gh-roles-'));
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
    if (created.length > 0)
      await superuserQuery(server, created.map((r) => `DROP ROLE IF EXISTS "${r}";`).join('\n'));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('designs the PostgREST role model from the template, applies it, and reads it back', async () => {
    const names = { authenticator: n('authenticator'), anon: n('anon'), authenticated: n('app_user') };
    created.push(...Object.values(names));
    const password = `pw-${sfx}-ü`;
    const verifier = await scramVerifier(password);
    const changes = postgrestTemplate({
      ...names,
      schema: 'api',
      owner: decodeURIComponent(url.username),
      major: server.major,
      authenticatorPassword: verifier,
    });
    const r = await plan(changes);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    // The verifier never shows in what the panel displays.
    expect(r.statements.map((s) => s.sql).join('\n')).not.toContain(verifier);
    expect(r.statements.map((s) => s.sql).join('\n')).toContain("PASSWORD '********'");
    expect(r.changeSet?.statements.length).toBeGreaterThan(5);
    await apply();
    const m = await model();
    const role = (x: string) => m.roles.find((y) => y.name === x);
    expect(role(names.authenticator)).toMatchObject({ canLogin: true, inherit: false, hasPassword: true });
    expect(role(names.anon)).toMatchObject({ canLogin: false });
    const edge = m.memberships.find((e) => e.member === names.authenticator && e.role === names.anon);
    expect(edge).toMatchObject({ set: true, optionsFromServer: server.major >= 16 });
    expect(m.grants).toContainEqual(
      expect.objectContaining({
        object: { kind: 'schema', schema: null, name: 'api' },
        grantee: { kind: 'role', name: names.anon },
        privilege: 'USAGE',
      }),
    );
    expect(
      m.defaultPrivileges.some(
        (d) =>
          d.schema === 'api' &&
          d.objectType === 'functions' &&
          d.grants.every((g) => g.grantee.kind !== 'public'),
      ),
    ).toBe(true);
    // PostgreSQL accepts a login with the verifier computed here.
    const login = new pg.Client({
      host: url.hostname,
      port: Number(url.port),
      user: names.authenticator,
      password,
      database: db.name,
    });
    await login.connect();
    expect((await login.query('SELECT current_user AS u')).rows[0].u).toBe(names.authenticator);
    await login.query(`SET ROLE "${names.authenticated}"`);
    await login.end();
    const wrong = new pg.Client({
      host: url.hostname,
      port: Number(url.port),
      user: names.authenticator,
      password: 'nope',
      database: db.name,
    });
    await expect(wrong.connect()).rejects.toThrow(/password authentication failed/);
  });

  it('grants SELECT on a table and a column, per-role settings, then revokes them (matrix cells)', async () => {
    const reader = n('reader');
    created.push(reader);
    await plan([
      {
        type: 'create-role',
        name: reader,
        attributes: { connectionLimit: 3, validUntil: '2030-01-01T00:00:00Z' },
      },
      {
        type: 'grant',
        object: { kind: 'schema', schema: null, name: 'api' },
        privileges: ['USAGE'],
        grantee: { kind: 'role', name: reader },
      },
      {
        type: 'grant',
        object: { kind: 'relation', schema: 'api', name: 'members' },
        privileges: ['SELECT'],
        grantee: { kind: 'role', name: reader },
      },
      {
        type: 'grant',
        object: { kind: 'relation', schema: 'api', name: 'members' },
        column: 'name',
        privileges: ['UPDATE'],
        grantee: { kind: 'role', name: reader },
      },
      { type: 'role-setting', role: reader, database: null, setting: 'statement_timeout', value: '5s' },
      { type: 'role-setting', role: reader, database: db.name, setting: 'search_path', value: 'api, public' },
    ]);
    await apply();
    let m = await model();
    const held = effectivePrivileges(m, reader).toArray();
    expect(held).toContainEqual(
      expect.objectContaining({
        object: { kind: 'relation', schema: 'api', name: 'members' },
        privilege: 'SELECT',
        source: 'direct',
      }),
    );
    expect(held).toContainEqual(expect.objectContaining({ privilege: 'UPDATE', column: 'name' }));
    const r = m.roles.find((x) => x.name === reader)!;
    expect(r.connectionLimit).toBe(3);
    expect(r.validUntil?.startsWith('2030-01-01')).toBe(true);
    expect(r.settings).toContainEqual({ name: 'statement_timeout', value: '5s' });
    expect(m.roleSettings).toContainEqual(
      expect.objectContaining({
        role: reader,
        database: db.name,
        settings: [{ name: 'search_path', value: 'api, public' }],
      }),
    );

    await plan([
      {
        type: 'revoke',
        object: { kind: 'relation', schema: 'api', name: 'members' },
        privileges: ['SELECT'],
        grantee: { kind: 'role', name: reader },
      },
      {
        type: 'revoke',
        object: { kind: 'relation', schema: 'api', name: 'members' },
        column: 'name',
        privileges: ['UPDATE'],
        grantee: { kind: 'role', name: reader },
      },
      { type: 'role-setting', role: reader, database: null, setting: 'statement_timeout', value: null },
    ]);
    await apply();
    m = await model();
    expect(
      effectivePrivileges(m, reader)
        .toArray()
        .filter((p) => p.object.name === 'members' && p.source === 'direct'),
    ).toEqual([]);
    expect(m.roles.find((x) => x.name === reader)!.settings).toEqual([]);
  });

  it('membership options: INHERIT and SET from 16, refused before', async () => {
    const [a, b] = [n('ma'), n('mb')];
    created.push(a, b);
    await plan([
      { type: 'create-role', name: a, attributes: {} },
      { type: 'create-role', name: b, attributes: {} },
    ]);
    await apply();
    const r = await plan([
      { type: 'grant-membership', role: a, member: b, inherit: false, set: false, admin: true },
    ]);
    if (server.major < 16) {
      expect(r.problems[0]?.message).toBe('Membership INHERIT options need PostgreSQL 16 or later.');
      expect(r.changeSet).toBeNull();
      await plan([{ type: 'grant-membership', role: a, member: b, admin: true }]);
    }
    await apply();
    const e = (await model()).memberships.find((x) => x.role === a && x.member === b);
    expect(e).toMatchObject(
      server.major >= 16
        ? { admin: true, inherit: false, set: false }
        : { admin: true, inherit: true, set: true },
    );
    await plan([{ type: 'revoke-membership', role: a, member: b }]);
    await apply();
    expect((await model()).memberships.find((x) => x.role === a && x.member === b)).toBeUndefined();
  });

  it('renames and drops an owner with REASSIGN OWNED / DROP OWNED; revokes everything PUBLIC has in api', async () => {
    const [owner, heir] = [n('owner'), n('heir')];
    created.push(owner, `${owner}_renamed`, heir);
    await sql(`CREATE ROLE "${owner}"; CREATE ROLE "${heir}"; CREATE TABLE api.owned (id int);
               ALTER TABLE api.owned OWNER TO "${owner}"; GRANT SELECT ON api.members TO "${owner}";`);
    await call('catalog.read', { connectionId, refresh: true });
    const refused = await plan([{ type: 'drop-role', name: owner }]);
    expect(refused.problems[0]?.message).toMatch(
      /owns 1 object\(s\) \(relation api\.owned\) and holds 1 privilege\(s\): DROP ROLE would fail/,
    );
    expect(refused.changeSet).toBeNull();
    await plan([{ type: 'rename-role', name: owner, newName: `${owner}_renamed` }]);
    await apply();
    await plan([{ type: 'drop-role', name: `${owner}_renamed`, reassignTo: heir, dropOwned: true }]);
    await apply();
    let m = await model();
    expect(m.roles.some((r) => r.name.startsWith(owner))).toBe(false);
    expect(m.relations.find((r) => r.name === 'owned')?.owner).toBe(heir);

    expect(m.grants.some((g) => g.object.name === 'hello' && g.grantee.kind === 'public')).toBe(true);
    const r = await plan([{ type: 'revoke-public-in-schema', schema: 'api' }]);
    expect(r.statements.map((s) => s.sql)).toContain('REVOKE EXECUTE ON ROUTINE api.hello() FROM PUBLIC');
    await apply();
    m = await model();
    const inApi = (g: Catalog['grants'][number]) =>
      g.object.schema === 'api' || (g.object.kind === 'schema' && g.object.name === 'api');
    expect(m.grants.filter((g) => inApi(g) && g.grantee.kind === 'public')).toEqual([]);
  });

  it('refuses bad input before apply: duplicates, cycles, not held, wrong kind, no such object', async () => {
    const [x, y] = [n('x'), n('y')];
    created.push(x, y);
    await plan([
      { type: 'create-role', name: x, attributes: {} },
      { type: 'create-role', name: y, attributes: {} },
      { type: 'grant-membership', role: x, member: y },
    ]);
    await apply();
    const messages = async (changes: RoleChangeInput[]) => {
      const r = await plan(changes);
      expect(r.changeSet).toBeNull();
      return r.problems.map((p) => p.message);
    };
    expect(await messages([{ type: 'create-role', name: x, attributes: {} }])).toEqual([
      `A role named "${x}" already exists.`,
    ]);
    expect(
      await messages([
        { type: 'create-role', name: 'dup', attributes: {} },
        { type: 'create-role', name: 'dup', attributes: {} },
      ]),
    ).toEqual(['A role named "dup" already exists.']);
    expect(await messages([{ type: 'grant-membership', role: y, member: x }])).toEqual([
      `Granting ${y} to ${x} would make a circular membership: ${y} is already a member of ${x}.`,
    ]);
    expect(await messages([{ type: 'revoke-membership', role: y, member: x }])).toEqual([
      `${x} is not a member of ${y}: there is nothing to revoke.`,
    ]);
    expect(
      await messages([
        {
          type: 'revoke',
          object: { kind: 'relation', schema: 'api', name: 'members' },
          privileges: ['DELETE'],
          grantee: { kind: 'role', name: x },
        },
      ]),
    ).toEqual([`${x} does not hold DELETE on api.members itself: there is nothing to revoke.`]);
    expect(
      await messages([
        {
          type: 'grant',
          object: { kind: 'schema', schema: null, name: 'api' },
          privileges: ['SELECT'],
          grantee: { kind: 'role', name: x },
        },
      ]),
    ).toEqual(['SELECT does not apply to a schema.']);
    expect(
      await messages([
        {
          type: 'grant',
          object: { kind: 'relation', schema: 'api', name: 'nope' },
          privileges: ['SELECT'],
          grantee: { kind: 'role', name: x },
        },
      ]),
    ).toEqual(['There is no relation api.nope.']);
    expect((await call<{ statements: unknown[] }>('changeset.list', { connectionId })).statements).toEqual(
      [],
    );
  });
});
