import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase, pgServers, superuserQuery, type TempDatabase } from '../../test/pg.js';
import { createStudioContext, type StudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { fakeEnvironment } from '../connections/test-environment.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { readCatalog } from './read-catalog.js';
import { ownRoles } from './testing/own-roles.js';

describe.each(pgServers())('catalog.read through the studio contract ($label)', (server) => {
  let db: TempDatabase;
  let context: StudioContext;

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_cat');
    await superuserQuery(
      server,
      `CREATE TABLE public.widgets (id int PRIMARY KEY);
       CREATE TABLE public.parts (id int PRIMARY KEY, widget_id int REFERENCES public.widgets);
       ALTER TABLE public.parts ENABLE ROW LEVEL SECURITY;
       CREATE POLICY parts_read ON public.parts FOR SELECT USING (widget_id > 0);
       GRANT SELECT ON public.parts TO PUBLIC;`,
      db.name,
    );
    context = createStudioContext({
      mode: 'cli',
      version: '0.0.0-test',
      dataDir: '/nonexistent/gh',
      manager: { environment: fakeEnvironment() },
    });
  });

  afterAll(async () => {
    await context?.connections.closeAll();
    await db?.drop();
  });

  it('reads the catalog of an open connection', async () => {
    const opened = await dispatch(handlers, context, 'connections.open', { params: { uri: db.uri } });
    expect(opened.ok).toBe(true);
    const id = opened.ok ? (opened.value as { id: string }).id : '';
    const read = await dispatch(handlers, context, 'catalog.read', { connectionId: id });
    expect(read.ok).toBe(true);
    if (read.ok) {
      const catalog = read.value as { server: { currentDatabase: string }; relations: { name: string }[] };
      expect(catalog.server.currentDatabase).toBe(db.name);
      expect(catalog.relations.map((r) => r.name)).toEqual(['parts', 'widgets']);
    }
  });

  it('reads the same model over two connections as over one (the parallel half shares the snapshot)', async () => {
    const opened = await dispatch(handlers, context, 'connections.open', { params: { uri: db.uri } });
    const id = opened.ok ? (opened.value as { id: string }).id : '';
    const read = await dispatch(handlers, context, 'catalog.read', { connectionId: id });
    const single = new pg.Client({ connectionString: db.uri });
    await single.connect();
    try {
      const expected = await readCatalog(single);
      // Everything but the moment of reading (and the roles other test files create and drop meanwhile).
      expect(read.ok).toBe(true);
      const viaHandler = read.ok
        ? ({ ...(read.value as Catalog), readAt: expected.readAt } as Catalog)
        : null;
      expect(viaHandler && ownRoles(viaHandler)).toEqual(JSON.parse(JSON.stringify(ownRoles(expected))));
      // What the parallel connection reads: constraints, grants, policies, dependencies.
      expect(expected.policies.map((p) => p.name)).toEqual(['parts_read']);
    } finally {
      await single.end();
    }
  });

  it('serves one read to catalog.read and act-as alike until refreshed', async () => {
    const opened = await dispatch(handlers, context, 'connections.open', { params: { uri: db.uri } });
    const id = opened.ok ? (opened.value as { id: string }).id : '';
    type Model = { readAt: string; relations: { name: string }[] };
    const read = async (refresh?: boolean): Promise<Model> => {
      const r = await dispatch(handlers, context, 'catalog.read', {
        connectionId: id,
        ...(refresh ? { refresh } : {}),
      });
      if (!r.ok) throw new Error(r.error.message);
      return r.value as Model;
    };
    const embeds = async (): Promise<string[]> => {
      const r = await dispatch(handlers, context, 'actAsConsole.embeddables', { connectionId: id });
      if (!r.ok) throw new Error(r.error.message);
      return (r.value as { embeddables: { from: { name: string } }[] }).embeddables.map((e) => e.from.name);
    };
    const first = await read();
    expect(await embeds()).toContain('parts');
    await superuserQuery(
      server,
      'CREATE TABLE public.gadgets (id int PRIMARY KEY, widget_id int REFERENCES public.widgets)',
      db.name,
    );
    try {
      // Cached: neither the catalog nor act-as's schema cache (derived from the same model) sees the table.
      expect((await read()).readAt).toBe(first.readAt);
      expect(await embeds()).not.toContain('gadgets');
      const refreshed = await read(true);
      expect(refreshed.relations.map((r) => r.name)).toContain('gadgets');
      expect(await embeds()).toContain('gadgets');
      expect((await read()).readAt).toBe(refreshed.readAt);
      // Another helper's change set calls this after applying DDL.
      context.models.invalidate(id);
      expect((await read()).readAt).not.toBe(refreshed.readAt);
    } finally {
      await superuserQuery(server, 'DROP TABLE public.gadgets', db.name);
    }
  });

  it('writes one object’s DDL through catalog.ddl, from the connection’s model', async () => {
    const opened = await dispatch(handlers, context, 'connections.open', { params: { uri: db.uri } });
    const id = opened.ok ? (opened.value as { id: string }).id : '';
    const ddl = await dispatch(handlers, context, 'catalog.ddl', {
      connectionId: id,
      object: { kind: 'relation', schema: 'public', name: 'parts' },
    });
    expect(ddl.ok).toBe(true);
    const sql = ddl.ok ? (ddl.value as { sql: string }).sql : '';
    // From 18 a column's NOT NULL is a named constraint, written under its name.
    const id18 = server.major >= 18 ? 'CONSTRAINT parts_id_not_null ' : '';
    expect(sql).toContain(`CREATE TABLE public.parts (\n  id integer ${id18}NOT NULL,\n  widget_id integer,`);
    expect(sql).toContain(
      'ALTER TABLE public.parts ADD CONSTRAINT parts_widget_id_fkey FOREIGN KEY (widget_id)',
    );
    expect(sql).toContain('ALTER TABLE public.parts ENABLE ROW LEVEL SECURITY;');
    expect(sql).toContain('CREATE POLICY parts_read ON public.parts');
    expect(sql).toContain('GRANT SELECT ON TABLE public.parts TO PUBLIC;');
    const missing = await dispatch(handlers, context, 'catalog.ddl', {
      connectionId: id,
      object: { kind: 'relation', schema: 'public', name: 'gone' },
    });
    expect(missing).toMatchObject({ ok: false, error: { code: 'GH223' } });
  });

  it('names an unknown connection with GH108', async () => {
    const read = await dispatch(handlers, context, 'catalog.read', { connectionId: 'nope' });
    expect(read).toMatchObject({ ok: false, error: { code: 'GH108' } });
  });
});
