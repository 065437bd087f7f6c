import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyEditorContext, RlsChangePlan, RlsOverview } from '../../shared/contract/rls.js';
import { pgServers } from '../../test/pg.js';
import { createStudioContext, type StudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { fakeEnvironment } from '../connections/test-environment.js';
import { createRlsFixture, type RlsFixture } from './testing/fixture-db.js';

interface PolicyRow {
  polname: string;
  permissive: boolean;
  cmd: string;
  roles: string[];
  qual: string | null;
  check: string | null;
}

/** The policy editor's calls on the corpus fixture: catalog, claim names, templates, validation, edits applied. */
describe.each(pgServers())('policy editor through the contract ($label)', (server) => {
  let fx: RlsFixture;
  let context: StudioContext;
  let dataDir: string;
  let connectionId: string;
  const call = async <T>(name: Parameters<typeof dispatch>[2], input: unknown) => {
    const r = await dispatch(handlers, context, name, input);
    if (!r.ok) throw Object.assign(new Error(`${r.error.code} ${r.error.message}`), { code: r.error.code });
    return r.value as T;
  };
  const policies = async (table: string): Promise<PolicyRow[]> => {
    const client = await fx.connect();
    try {
      const r = await client.query<PolicyRow>(
        `select polname, polpermissive as permissive, polcmd::text as cmd,
                array(select coalesce(rolname, 'PUBLIC') from unnest(polroles) r left join pg_roles on oid = r order by 1)::text[] as roles,
                pg_get_expr(polqual, polrelid) as qual, pg_get_expr(polwithcheck, polrelid) as check
           from pg_policy where polrelid = $1::regclass order by polname`,
        [`api.${table}`],
      );
      return r.rows;
    } finally {
      await client.end();
    }
  };
  const t = { schema: 'api', table: 'notes' };

  beforeAll(async () => {
    fx = await createRlsFixture(server);
    dataDir = mkdtempSync(join(tmpdir(), 'gh-rls-ed-'));
    context = createStudioContext({
      mode: 'cli',
      version: 't',
      dataDir,
      manager: { environment: fakeEnvironment() },
    });
    const url = new URL(fx.db.uri);
    connectionId = (
      await call<{ id: string }>('connections.open', {
        params: {
          host: url.hostname,
          port: Number(url.port),
          user: decodeURIComponent(url.username),
          password: decodeURIComponent(url.password),
          database: fx.db.name,
          sslmode: 'disable',
        },
      })
    ).id;
    await call('actAs.config.set', { connectionId, text: fx.configText });
    const client = await fx.connect();
    await client.query(`
      CREATE TABLE api.gh_docs (id int PRIMARY KEY, org_id int NOT NULL, user_id uuid, body text);
      ALTER TABLE api.gh_docs ENABLE ROW LEVEL SECURITY;
      CREATE FUNCTION app.gh_team() RETURNS text LANGUAGE sql STABLE
        AS $$ SELECT current_setting('request.jwt.claims', true)::json->>'team' $$;`);
    await client.end();
    await call('actAsConsole.personas.save', {
      connectionId,
      personas: [
        {
          id: 'p1',
          name: 'alice',
          kind: 'claims',
          claims: JSON.stringify({ role: fx.role('user'), sub: 'u-alice', org_id: 7 }),
          token: '',
        },
        { id: 'p2', name: 'broken', kind: 'claims', claims: '{not json', token: '' },
      ],
    });
  });
  afterAll(async () => {
    await context?.connections.closeAll();
    await fx?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('knows the table, the catalog, the request roles and the claim names in use', async () => {
    const ctx = await call<PolicyEditorContext>('rls.editorContext', { connectionId, ...t });
    expect(ctx.columns.map((c) => c.name)).toEqual(['id', 'owner_sub', 'body', 'pinned']);
    expect(ctx.columns[1]).toEqual({ name: 'owner_sub', type: 'text' });
    expect(ctx.relations.some((r) => r.schema === 'api' && r.name === 'inbox')).toBe(true);
    expect(ctx.relations.some((r) => r.schema === 'pg_catalog')).toBe(false);
    expect(ctx.functions.some((f) => f.schema === 'app' && f.name === 'current_sub')).toBe(true);
    expect(ctx.requestRoles).toEqual(
      expect.arrayContaining([fx.role('anon'), fx.role('user'), fx.role('admin')]),
    );
    const claims = Object.fromEntries(ctx.claims.map((c) => [c.name, c.usedBy]));
    // from policies and functions (sub), a function only (team), a saved persona only (org_id); never role
    expect(claims.sub).toEqual(
      expect.arrayContaining(['policy notes_user_select on api.notes', 'persona alice']),
    );
    expect(claims.team).toEqual(['function app.gh_team()']);
    expect(claims.org_id).toEqual(['persona alice']);
    expect(claims.role).toBeUndefined();
  });

  it('fills the templates in from the table: every expression type-checks on it', async () => {
    for (const table of ['notes', 'gh_docs']) {
      const ctx = await call<PolicyEditorContext>('rls.editorContext', {
        connectionId,
        schema: 'api',
        table,
      });
      expect(ctx.templates.map((x) => x.id)).toEqual([
        'owner',
        'tenant',
        'role-read',
        'public-read',
        'session',
      ]);
      for (const template of ctx.templates)
        for (const p of template.policies)
          for (const e of [p.using, p.withCheck].filter((x): x is string => x !== null)) {
            if (table === 'notes' && template.id === 'tenant') continue; // notes has no tenant column
            const r = await call<{ problems: unknown[] }>('rls.validate', {
              connectionId,
              schema: 'api',
              table,
              expression: e,
            });
            expect(r.problems, `${table} ${template.id}: ${e}`).toEqual([]);
          }
    }
    const docs = await call<PolicyEditorContext>('rls.editorContext', {
      connectionId,
      schema: 'api',
      table: 'gh_docs',
    });
    const owner = docs.templates.find((x) => x.id === 'owner')!.policies[0]!;
    expect(owner.using).toBe(
      `user_id = (SELECT current_setting('request.jwt.claims', true)::json->>'sub')::uuid`,
    );
    expect(owner.roles).not.toContain(fx.role('anon'));
    // the tenant claim is the persona's org_id, the column org_id (integer)
    expect(docs.templates.find((x) => x.id === 'tenant')!.policies[0]!.using).toBe(
      `org_id = (SELECT current_setting('request.jwt.claims', true)::json->>'org_id')::integer`,
    );
    expect(docs.templates.find((x) => x.id === 'public-read')!.policies).toHaveLength(2);
    expect(docs.templates.find((x) => x.id === 'session')!.companionSql).toContain(
      "set_config('app.user_id'",
    );
  });

  it('a template applied gives the advisor nothing to say about it (claims read once, not per row)', async () => {
    const docs = await call<PolicyEditorContext>('rls.editorContext', {
      connectionId,
      schema: 'api',
      table: 'gh_docs',
    });
    const owner = docs.templates.find((x) => x.id === 'owner')!.policies[0]!;
    await call('rls.queue', {
      connectionId,
      change: { kind: 'create', schema: 'api', table: 'gh_docs', ...owner },
    });
    await call('changeset.apply', { connectionId });
    const overview = await call<RlsOverview>('rls.overview', { connectionId });
    const docsWarnings = overview.relations.find((r) => r.schema === 'api' && r.name === 'gh_docs')!.warnings;
    expect(docsWarnings.filter((w) => w.policy === owner.name)).toEqual([]);
    // while the corpus's own per-row claim reads are flagged, as the advisor does
    const notes = overview.relations.find((r) => r.schema === 'api' && r.name === 'notes')!.warnings;
    expect(notes.map((w) => w.code)).toContain('policy_per_row_call');
  });

  it('validates as the pending change set would leave the table', async () => {
    await call('changeset.add', {
      connectionId,
      statements: [
        {
          sql: 'ALTER TABLE api.gh_docs ADD COLUMN editor text',
          origin: { panel: 'rls', object: 'api.gh_docs', action: 'test' },
        },
      ],
    });
    const check = (preview: boolean) =>
      call<{ problems: { message: string }[] }>('rls.validate', {
        connectionId,
        schema: 'api',
        table: 'gh_docs',
        expression: 'editor = current_user',
        preview,
      });
    expect((await check(true)).problems).toEqual([]);
    expect((await check(false)).problems[0]?.message).toMatch(/column "editor" does not exist/);
    await call('changeset.discard', { connectionId });
  });

  it('refuses to queue an expression that does not type-check, with the spot', async () => {
    await expect(
      call('rls.queue', {
        connectionId,
        change: {
          kind: 'create',
          ...t,
          name: 'bad',
          permissive: true,
          command: 'SELECT',
          roles: [],
          using: "ownr_sub = 'x'",
          withCheck: null,
        },
      }),
    ).rejects.toMatchObject({
      code: 'GH806',
      message: expect.stringMatching(/column "ownr_sub" does not exist/),
    });
    expect(
      (await call<{ statements: unknown[] }>('changeset.list', { connectionId })).statements,
    ).toHaveLength(0);
  });

  it('renames and alters in place, applied: the policy keeps its identity', async () => {
    const [before] = (await policies('notes')).filter((p) => p.polname === 'notes_user_select');
    const edit = {
      kind: 'edit',
      ...t,
      name: 'notes_user_select',
      policy: {
        name: 'notes read own',
        permissive: true,
        command: 'SELECT',
        roles: [fx.role('user'), fx.role('admin')],
        using: before!.qual,
        withCheck: null,
      },
    };
    const plan = await call<RlsChangePlan>('rls.plan', { connectionId, change: edit });
    expect(plan.statements).toEqual([
      `ALTER POLICY notes_user_select ON api.notes RENAME TO "notes read own"`,
      `ALTER POLICY "notes read own" ON api.notes\n  TO ${fx.role('user')}, ${fx.role('admin')}`,
    ]);
    await call('rls.queue', { connectionId, change: edit });
    await call('changeset.apply', { connectionId });
    const after = (await policies('notes')).find((p) => p.polname === 'notes read own');
    expect(after).toMatchObject({
      permissive: true,
      cmd: 'r',
      qual: before!.qual,
      roles: [fx.role('admin'), fx.role('user')].sort(),
    });
    expect((await policies('notes')).some((p) => p.polname === 'notes_user_select')).toBe(false);

    // only the expression: one ALTER … USING
    const plan2 = await call<RlsChangePlan>('rls.plan', {
      connectionId,
      change: {
        ...edit,
        name: 'notes read own',
        policy: { ...edit.policy, using: 'pinned OR owner_sub = current_user' },
      },
    });
    expect(plan2.statements).toEqual([
      `ALTER POLICY "notes read own" ON api.notes\n  USING (pinned OR owner_sub = current_user)`,
    ]);
  });

  it('says why PERMISSIVE → RESTRICTIVE needs DROP + CREATE, and does it only when asked', async () => {
    const change = {
      kind: 'edit',
      ...t,
      name: 'notes_user_delete',
      policy: {
        name: 'notes_user_delete',
        permissive: false,
        command: 'DELETE',
        roles: [fx.role('user')],
        using: 'NOT pinned',
        withCheck: null,
      },
    };
    const plan = await call<RlsChangePlan>('rls.plan', { connectionId, change });
    expect(plan).toMatchObject({
      statements: [],
      recreateReason: expect.stringMatching(/PERMISSIVE and RESTRICTIVE/),
    });
    await expect(call('rls.queue', { connectionId, change })).rejects.toMatchObject({ code: 'GH805' });
    const queued = await call<{ statements: string[] }>('rls.queue', {
      connectionId,
      change: { ...change, recreate: true },
    });
    expect(queued.statements[0]).toBe('DROP POLICY notes_user_delete ON api.notes');
    expect(queued.statements[1]).toContain('AS RESTRICTIVE');
    await call('changeset.apply', { connectionId });
    expect((await policies('notes')).find((p) => p.polname === 'notes_user_delete')).toMatchObject({
      permissive: false,
      cmd: 'd',
      qual: '(NOT pinned)',
    });
  });

  it('an edit of a policy that is gone is GH807, a no-op edit is refused', async () => {
    const policy = {
      name: 'x',
      permissive: true,
      command: 'SELECT',
      roles: [],
      using: 'true',
      withCheck: null,
    };
    await expect(
      call('rls.plan', { connectionId, change: { kind: 'edit', ...t, name: 'nope', policy } }),
    ).rejects.toMatchObject({ code: 'GH807' });
    const [p] = (await policies('notes')).filter((x) => x.polname === 'notes_admin_all');
    const same = {
      name: 'notes_admin_all',
      permissive: true,
      command: 'ALL',
      roles: [fx.role('admin')],
      using: p!.qual,
      withCheck: p!.check,
    };
    const change = { kind: 'edit', ...t, name: 'notes_admin_all', policy: same };
    expect(await call<RlsChangePlan>('rls.plan', { connectionId, change })).toMatchObject({
      unchanged: true,
    });
    await expect(call('rls.queue', { connectionId, change })).rejects.toMatchObject({ code: 'GH222' });
  });
});
