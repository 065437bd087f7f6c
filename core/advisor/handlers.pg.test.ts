import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  advisorViewSchema,
  findingDetailSchema,
  findingKey,
  reachMapSchema,
} from '../../shared/contract/advisor.js';
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
import { loadAcks } from './ack.js';
import { cleanSql, configText, fill, fixtureRoles, rolesSql } from './testing/fixtures.js';

describe.each(pgServers())(
  'advisor.run / advisor.acknowledge through the studio contract ($label)',
  (server) => {
    let db: TempDatabase;
    let context: StudioContext;
    let id = '';
    const roles = fixtureRoles(uniqueSuffix());
    const dir = mkdtempSync(join(tmpdir(), 'gh-adv-handler-'));

    beforeAll(async () => {
      db = await createTempDatabase(server, 'gh_adv_h');
      await superuserQuery(server, fill(rolesSql, roles), db.name);
      await superuserQuery(server, fill(cleanSql(server.major), roles), db.name);
      context = createStudioContext({
        mode: 'cli',
        version: '0.0.0-test',
        dataDir: '/nonexistent/gh',
        manager: { environment: fakeEnvironment() },
      });
      const opened = await dispatch(handlers, context, 'connections.open', { params: { uri: db.uri } });
      id = opened.ok ? (opened.value as { id: string }).id : '';
    });

    afterAll(async () => {
      await context?.connections.closeAll();
      await db?.drop();
      await superuserQuery(
        server,
        `DROP ROLE IF EXISTS "${roles.owner}", "${roles.auth}", "${roles.anon}", "${roles.user}"`,
      );
    });

    it('says it assumed PostgREST’s defaults while the connection has no postgrest.conf', async () => {
      const r = await dispatch(handlers, context, 'advisor.run', { connectionId: id });
      expect(r.ok).toBe(true);
      const report = advisorViewSchema.parse(r.ok ? r.value : null);
      expect(report.assumptions[0]).toMatch(/no postgrest\.conf .*defaults are assumed/);
      expect(report.reach.schemas).toEqual(['public']);
      expect(report.ackFile).toBeNull();
    });

    it('uses the connection’s postgrest.conf, keeps acknowledgements beside it, and re-reads after a change', async () => {
      const conf = join(dir, 'postgrest.conf');
      writeFileSync(conf, configText(roles, db.name));
      expect(await context.actAsConfigs.adoptFile(id, conf)).toBe(true);
      const first = advisorViewSchema.parse(
        ((await dispatch(handlers, context, 'advisor.run', { connectionId: id })) as { value: unknown })
          .value,
      );
      expect(first.findings.map((f) => findingKey(f))).toEqual([
        'public_read_policy:policy posts_read on api.posts',
      ]);
      expect(first.ackFile).toBe(join(dir, 'gatehouse-advisor.json'));

      const ack = await dispatch(handlers, context, 'advisor.acknowledge', {
        connectionId: id,
        key: findingKey(first.findings[0]!),
        reason: 'the blog is public',
      });
      expect(ack.ok).toBe(true);
      expect(loadAcks(join(dir, 'gatehouse-advisor.json')).map((a) => a.reason)).toEqual([
        'the blog is public',
      ]);

      await superuserQuery(server, fill('GRANT SELECT ON api.posts TO PUBLIC;', roles), db.name);
      const stale = advisorViewSchema.parse(
        ((await dispatch(handlers, context, 'advisor.run', { connectionId: id })) as { value: unknown })
          .value,
      );
      expect(stale.findings.map((f) => findingKey(f))).not.toContain('public_grant:api.posts');
      const fresh = advisorViewSchema.parse(
        (
          (await dispatch(handlers, context, 'advisor.run', { connectionId: id, refresh: true })) as {
            value: unknown;
          }
        ).value,
      );
      expect(fresh.findings.map((f) => findingKey(f))).toContain('public_grant:api.posts');
      expect(fresh.findings.find((f) => f.id === 'public_read_policy')?.acknowledged?.reason).toBe(
        'the blog is public',
      );
    });

    it('sends each definition once and the list its rows; an opened finding brings its objects and fix', async () => {
      const run = await dispatch(handlers, context, 'advisor.run', { connectionId: id, refresh: true });
      const view = advisorViewSchema.parse(run.ok ? run.value : null);
      const grant = view.findings.find((f) => f.id === 'public_grant')!;
      expect(grant).toMatchObject({ object: 'api.posts', hasFix: true, severity: 'warning' });
      expect(Object.keys(grant)).not.toContain('objects');
      expect(view.definitions.public_grant?.why).toMatch(/PUBLIC/);
      const opened = await dispatch(handlers, context, 'advisor.finding', {
        connectionId: id,
        key: findingKey(grant),
      });
      const detail = findingDetailSchema.parse(opened.ok ? opened.value : opened.error);
      expect(detail.objects).toEqual([{ kind: 'relation', schema: 'api', name: 'posts' }]);
      expect(detail.fix?.statements).toEqual(['REVOKE SELECT ON TABLE api.posts FROM PUBLIC']);
      // Fixed and read again: the detail is of the new run, where the finding is gone.
      await superuserQuery(server, 'REVOKE SELECT ON api.posts FROM PUBLIC;', db.name);
      await dispatch(handlers, context, 'advisor.run', { connectionId: id, refresh: true });
      const gone = await dispatch(handlers, context, 'advisor.finding', {
        connectionId: id,
        key: findingKey(grant),
      });
      expect(gone.ok ? null : gone.error.code).toBe('GH402');
      await superuserQuery(server, 'GRANT SELECT ON api.posts TO PUBLIC;', db.name);
      await dispatch(handlers, context, 'advisor.run', { connectionId: id, refresh: true });
    });

    it('gives one request role’s reach from the last run, and refuses a role that is not one', async () => {
      const run = await dispatch(handlers, context, 'advisor.run', { connectionId: id });
      const view = advisorViewSchema.parse(run.ok ? run.value : null);
      // A small API: the whole map is sent, with each role's totals.
      expect(view.reachComplete).toBe(true);
      const anon = view.reachTotals.find((t) => t.role === roles.anon)!;
      expect(anon.endpoints).toBeGreaterThan(0);
      const one = await dispatch(handlers, context, 'advisor.reach', { connectionId: id, role: roles.anon });
      const map = reachMapSchema.parse(one.ok ? one.value : one.error);
      expect(map.roles.map((r) => r.role)).toEqual([roles.anon]);
      expect(map.endpoints).toHaveLength(anon.endpoints);
      const nobody = await dispatch(handlers, context, 'advisor.reach', { connectionId: id, role: 'nobody' });
      expect(nobody.ok ? null : nobody.error.code).toBe('GH403');
    });

    it('refuses to acknowledge a finding that is not there', async () => {
      const r = await dispatch(handlers, context, 'advisor.acknowledge', {
        connectionId: id,
        key: 'nope:x',
        reason: 'r',
      });
      expect(r.ok).toBe(false);
      expect(r.ok ? null : r.error.code).toBe('GH402');
    });

    it('writes an acknowledgements file the studio names, and only an absolute .json path', async () => {
      const named = join(dir, 'team', 'acks.json');
      mkdirSync(join(dir, 'team'));
      const run = await dispatch(handlers, context, 'advisor.run', { connectionId: id, ackFile: named });
      const report = advisorViewSchema.parse(run.ok ? run.value : null);
      expect(report.ackFile).toBe(named);
      const ack = await dispatch(handlers, context, 'advisor.acknowledge', {
        connectionId: id,
        key: findingKey(report.findings.find((f) => f.id === 'public_grant')!),
        reason: 'posts are public',
        ackFile: named,
      });
      expect(ack.ok ? ack.value : ack.error).toEqual({ ackFile: named });
      expect(loadAcks(named).map((a) => [a.finding, a.reason])).toEqual([
        ['public_grant', 'posts are public'],
      ]);
      for (const bad of ['acks.json', join(dir, 'postgrest.conf')]) {
        const r = await dispatch(handlers, context, 'advisor.acknowledge', {
          connectionId: id,
          key: 'public_grant:api.posts',
          reason: 'r',
          ackFile: bad,
        });
        expect(r.ok ? null : r.error.code).toBe('GH402');
      }
      // A JSON file that is not an acknowledgements file is never overwritten.
      const other = join(dir, 'package.json');
      writeFileSync(other, '{"name": "app"}\n');
      const r = await dispatch(handlers, context, 'advisor.acknowledge', {
        connectionId: id,
        key: 'public_grant:api.posts',
        reason: 'r',
        ackFile: other,
      });
      expect(r.ok ? null : r.error.code).toBe('GH402');
      expect(readFileSync(other, 'utf8')).toBe('{"name": "app"}\n');
    });
  },
);
