import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTempDatabase, pgServers, superuserQuery, type TempDatabase } from '../../test/pg.js';
import { createStudioContext, type StudioContext } from '../app/context.js';
import { dispatch } from '../app/dispatch.js';
import { handlers } from '../app/handlers.js';
import { fakeEnvironment } from '../connections/test-environment.js';
import { readCatalog } from './read-catalog.js';

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
      // Everything but the moment of reading.
      const viaHandler = read.ok ? { ...(read.value as object), readAt: expected.readAt } : read;
      expect(viaHandler).toEqual(JSON.parse(JSON.stringify(expected)));
      // What the parallel connection reads: constraints, grants, policies, dependencies.
      expect(expected.policies.map((p) => p.name)).toEqual(['parts_read']);
    } finally {
      await single.end();
    }
  });

  it('writes one object’s DDL through catalog.ddl, from a fresh read', async () => {
    const opened = await dispatch(handlers, context, 'connections.open', { params: { uri: db.uri } });
    const id = opened.ok ? (opened.value as { id: string }).id : '';
    const ddl = await dispatch(handlers, context, 'catalog.ddl', {
      connectionId: id,
      object: { kind: 'relation', schema: 'public', name: 'parts' },
    });
    expect(ddl.ok).toBe(true);
    const sql = ddl.ok ? (ddl.value as { sql: string }).sql : '';
    expect(sql).toContain('CREATE TABLE public.parts (\n  id integer NOT NULL,\n  widget_id integer,');
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
    expect(missing).toMatchObject({ ok: false, error: { code: 'GH703' } });
  });

  it('names an unknown connection with GH108', async () => {
    const read = await dispatch(handlers, context, 'catalog.read', { connectionId: 'nope' });
    expect(read).toMatchObject({ ok: false, error: { code: 'GH108' } });
  });
});
