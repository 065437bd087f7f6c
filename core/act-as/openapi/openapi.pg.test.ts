import { readFileSync } from 'node:fs';
import { conformanceDir } from '../../../test/conformance-dir.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../../../test/pg.js';
import { loadPostgrestConfig } from '../config/index.js';
import { defaultStages } from '../default-stages.js';
import { PoolRegistry } from '../execute/pools.js';
import { headerValue } from '../response/types.js';
import { SchemaCacheStore } from '../schema-cache-store.js';
import { simulate, type Persona, type SimulateResult } from '../simulator.js';

// Loads the conformance fixture with its cluster-wide roles renamed (a unique suffix), like render.pg.test.ts:
// the corpus test may load the original fixture on the same server at the same time.
const DIR = conformanceDir;
const suffix = uniqueSuffix();
const ROLES = ['authenticator', 'anon', 'user', 'admin'].map((r) => `cf_${r}_${suffix}`);
const USER = `cf_user_${suffix}`;

function fixtureWithOwnRoles(): string {
  return readFileSync(`${DIR}/fixture.sql`, 'utf8').replace(
    /\bcf_(authenticator|anon|user|admin)\b/g,
    `cf_$1_${suffix}`,
  );
}

type Doc = {
  swagger: string;
  info: Record<string, string>;
  paths: Record<string, Record<string, Record<string, unknown>>>;
  definitions: Record<
    string,
    { required?: string[]; properties: Record<string, Record<string, unknown>>; type: string }
  >;
  parameters: Record<string, Record<string, unknown>>;
};

describe.each(pgServers())('OpenAPI root document on $label', (server) => {
  let db: TempDatabase;
  const pools = new PoolRegistry();
  const schemaCaches = new SchemaCacheStore();

  beforeAll(async () => {
    db = await createTempDatabase(server, 'gh_openapi');
    await superuserQuery(server, fixtureWithOwnRoles(), db.name);
    // comments, an enum and a bounded varchar: what the fixture does not have
    await superuserQuery(
      server,
      `CREATE TYPE api.mood AS ENUM ('calm', 'busy');
       CREATE TABLE api.extras (id int PRIMARY KEY, mood api.mood NOT NULL, code varchar(8) DEFAULT 'x'::character varying);
       GRANT SELECT ON api.extras TO "cf_anon_${suffix}";
       COMMENT ON TABLE api.extras IS E'Extras\n\nFor the OpenAPI test';
       COMMENT ON COLUMN api.extras.code IS 'A short code';
       CREATE FUNCTION api.root() RETURNS json LANGUAGE sql STABLE AS $$ SELECT '{"swagger":"2.0","mine":true}'::json $$;`,
      db.name,
    );
  });

  afterAll(async () => {
    await pools.closeAll();
    await db?.drop();
    for (const r of [...ROLES].reverse()) await superuserQuery(server, `DROP ROLE IF EXISTS "${r}"`);
  });

  async function root(
    persona: Persona,
    opts: { env?: Record<string, string>; method?: string; headers?: Record<string, string> } = {},
  ): Promise<SimulateResult> {
    const u = new URL(db.uri);
    u.username = `cf_authenticator_${suffix}`;
    u.password = 'cf_authenticator_pw';
    const config = loadPostgrestConfig({
      file: `${DIR}/postgrest.conf`,
      env: { PGRST_DB_URI: u.toString(), PGRST_DB_ANON_ROLE: `cf_anon_${suffix}`, ...opts.env },
    });
    return simulate({
      request: { method: opts.method ?? 'GET', target: '/', headers: opts.headers ?? {} },
      persona,
      config,
      connection: { developerUri: db.uri },
      txEnd: 'rollback',
      stages: defaultStages,
      pools,
      schemaCaches,
    });
  }
  const parse = (r: SimulateResult): Doc => JSON.parse(r.response.body) as Doc;

  it('answers the document with PostgREST headers and top-level members in its order', async () => {
    const r = await root({ type: 'anon' });
    expect(r.response.status).toBe(200);
    expect(headerValue(r.response, 'Content-Type')).toBe('application/openapi+json; charset=utf-8');
    expect(headerValue(r.response, 'Content-Length')).toBe(String(Buffer.byteLength(r.response.body)));
    const doc = parse(r);
    expect(Object.keys(doc)).toEqual([
      'swagger',
      'info',
      'host',
      'basePath',
      'schemes',
      'consumes',
      'produces',
      'paths',
      'definitions',
      'parameters',
      'externalDocs',
    ]);
    // the schema comment's first line is the title, the rest (none) the description
    expect(doc.info).toMatchObject({ description: '', title: 'cf conformance API' });
    expect(
      r.response.body.startsWith('{"swagger":"2.0","info":{"description":"","title":"cf conformance API"'),
    ).toBe(true);
    expect(Object.keys(doc.paths)[0]).toBe('/');
  });

  it('follows the role privileges: anon vs cf_user', async () => {
    const anon = parse(await root({ type: 'anon' }));
    const user = parse(await root({ type: 'claims', claims: { role: USER } }));
    // inbox: INSERT for cf_user only; mark_done: EXECUTE for cf_user only; archive_project: cf_admin only
    expect(anon.paths['/inbox']).toBeUndefined();
    expect(anon.definitions.inbox).toBeUndefined();
    expect(anon.parameters['rowFilter.inbox.id']).toBeUndefined();
    expect(user.paths['/inbox']).toBeDefined();
    expect(user.definitions.inbox).toBeDefined();
    expect(anon.paths['/rpc/mark_done']).toBeUndefined();
    expect(user.paths['/rpc/mark_done']).toEqual({
      post: expect.objectContaining({ tags: ['(rpc) mark_done'] }) as unknown,
    });
    expect(anon.paths['/rpc/archive_project']).toBeUndefined();
    expect(user.paths['/rpc/archive_project']).toBeUndefined();
    // members: a column privilege is enough to list the table
    expect(anon.paths['/members']).toBeDefined();
    expect(anon.paths['/rpc/add']).toBeDefined();
  });

  it('ignore-privileges lists everything; disabled answers 404', async () => {
    const env = { PGRST_OPENAPI_MODE: 'ignore-privileges' };
    const anon = parse(await root({ type: 'anon' }, { env }));
    expect(anon.paths['/inbox']).toBeDefined();
    expect(anon.paths['/rpc/archive_project']).toBeDefined();
    const off = await root({ type: 'anon' }, { env: { PGRST_OPENAPI_MODE: 'disabled' } });
    expect(off.response.status).toBe(404);
    expect(JSON.parse(off.response.body)).toMatchObject({ code: 'PGRST126' });
  });

  it('describes table paths, parameters and definitions', async () => {
    const doc = parse(await root({ type: 'anon' }));
    const tasks = doc.paths['/tasks']!;
    expect(Object.keys(tasks)).toEqual(['get', 'post', 'delete', 'patch']);
    expect(Object.keys(doc.paths['/open_tasks']!)).toEqual(['get', 'post', 'delete', 'patch']);
    expect(tasks.get!.parameters).toContainEqual({ $ref: '#/parameters/rowFilter.tasks.project_id' });
    expect((tasks.get!.parameters as unknown[]).slice(-7)).toEqual(
      ['select', 'order', 'range', 'rangeUnit', 'offset', 'limit', 'preferCount'].map((p) => ({
        $ref: `#/parameters/${p}`,
      })),
    );
    expect(tasks.get!.responses).toEqual({
      '200': { description: 'OK', schema: { items: { $ref: '#/definitions/tasks' }, type: 'array' } },
      '206': { description: 'Partial Content' },
    });
    const def = doc.definitions.tasks!;
    expect(def.required).toEqual(['id', 'project_id', 'title', 'done', 'priority']);
    expect(def.properties.id).toEqual({
      description: 'Note:\nThis is a Primary Key.<pk/>',
      format: 'int32',
      type: 'integer',
    });
    expect(def.properties.project_id).toEqual({
      description: "Note:\nThis is a Foreign Key to `projects.id`.<fk table='projects' column='id'/>",
      format: 'int32',
      type: 'integer',
    });
    expect(def.properties.done).toEqual({ default: false, format: 'boolean', type: 'boolean' });
    expect(def.properties.priority).toEqual({ default: 3, format: 'int32', type: 'integer' });
    expect(def.properties.estimate).toEqual({ format: 'numeric', type: 'number' });
    expect(def.properties.meta).toEqual({ format: 'jsonb' });
    expect(doc.parameters['rowFilter.tasks.title']).toEqual({
      name: 'title',
      required: false,
      in: 'query',
      type: 'string',
    });
    expect(doc.parameters['body.tasks']).toEqual({
      name: 'tasks',
      description: 'tasks',
      required: false,
      in: 'body',
      schema: { $ref: '#/definitions/tasks' },
    });
  });

  it('reads comments, enum labels and max lengths from the database', async () => {
    const r = await root({ type: 'anon' });
    const doc = parse(r);
    expect(doc.paths['/extras']!.get).toMatchObject({
      summary: 'Extras',
      description: 'For the OpenAPI test',
    });
    expect(r.response.body).toContain(
      '"extras":{"description":"Extras\\n\\nFor the OpenAPI test","required":["id","mood"]',
    );
    expect(doc.definitions.extras!.properties.mood).toEqual({
      enum: ['calm', 'busy'],
      format: 'api.mood',
      type: 'string',
    });
    expect(doc.definitions.extras!.properties.code).toEqual({
      default: 'x',
      description: 'A short code',
      format: 'character varying',
      maxLength: 8,
      type: 'string',
    });
    expect(doc.parameters['rowFilter.extras.code']).toEqual({
      name: 'code',
      description: 'A short code',
      required: false,
      in: 'query',
      type: 'string',
    });
  });

  it('names the proxy URI and the JWT security definition from the config', async () => {
    const env = {
      PGRST_OPENAPI_SERVER_PROXY_URI: 'https://api.example.test:8443/v1',
      PGRST_OPENAPI_SECURITY_ACTIVE: 'true',
    };
    const doc = parse(await root({ type: 'anon' }, { env })) as Doc & Record<string, unknown>;
    expect(doc.host).toBe('api.example.test:8443');
    expect(doc.basePath).toBe('/v1');
    expect(doc.schemes).toEqual(['https']);
    expect(doc.security).toEqual([{ JWT: [] }]);
    const plain = parse(await root({ type: 'anon' }, { env: { PGRST_SERVER_PORT: '8080' } })) as Doc &
      Record<string, unknown>;
    expect(plain.host).toBe('0.0.0.0:8080');
  });

  it('db-root-spec: the function answers the root instead', async () => {
    const r = await root({ type: 'anon' }, { env: { PGRST_DB_ROOT_SPEC: 'root' } });
    expect(r.response.status).toBe(200);
    expect(JSON.parse(r.response.body)).toEqual({ swagger: '2.0', mine: true });
    expect(headerValue(r.response, 'Content-Type')).toBe('application/json; charset=utf-8');
  });

  it('describes functions: GET for stable ones, variadic and body parameters', async () => {
    const doc = parse(await root({ type: 'anon' }));
    const add = doc.paths['/rpc/add']!;
    expect(Object.keys(add)).toEqual(['get', 'post']);
    expect(add.get!.parameters).toEqual([
      { format: 'int32', in: 'query', name: 'a', required: true, type: 'integer' },
      { format: 'int32', in: 'query', name: 'b', required: true, type: 'integer' },
    ]);
    expect(add.post!.parameters).toEqual([
      {
        in: 'body',
        name: 'args',
        required: true,
        schema: {
          properties: { a: { format: 'int32', type: 'integer' }, b: { format: 'int32', type: 'integer' } },
          required: ['a', 'b'],
          type: 'object',
        },
      },
      { $ref: '#/parameters/preferParams' },
    ]);
    const greet = doc.paths['/rpc/greet']!.post!.parameters as { schema: { required?: string[] } }[];
    expect(greet[0]!.schema.required).toBeUndefined();
    const sum = doc.paths['/rpc/sum_all'];
    const variadic = sum?.get?.parameters ?? sum?.post?.parameters;
    expect(variadic).toBeDefined();
  });

  it('HEAD has no body; Accept-Profile is echoed; an unacceptable Accept is 406', async () => {
    const head = await root({ type: 'anon' }, { method: 'HEAD' });
    expect(head.response.status).toBe(200);
    expect(head.response.body).toBe('');
    expect(headerValue(head.response, 'Content-Type')).toBe('application/openapi+json; charset=utf-8');
    const prof = await root({ type: 'anon' }, { headers: { 'Accept-Profile': 'api' } });
    expect(headerValue(prof.response, 'Content-Profile')).toBe('api');
    const csv = await root({ type: 'anon' }, { headers: { Accept: 'text/csv' } });
    expect(csv.response.status).toBe(406);
    const json = await root({ type: 'anon' }, { headers: { Accept: 'application/json' } });
    expect(json.response.status).toBe(200);
  });
});
