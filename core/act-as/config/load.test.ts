import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../../../shared/errors.js';
import { conformanceFile } from '../../../test/conformance-dir.js';
import { evaluateJsPath, parseJsPath } from './js-path.js';
import { loadPostgrestConfig } from './load.js';
import { parseConfigText } from './file-syntax.js';

const corpusConf = conformanceFile('postgrest.conf');

function gh(fn: () => unknown): GatehouseError {
  try {
    fn();
  } catch (e) {
    if (e instanceof GatehouseError) return e;
    throw e;
  }
  throw new Error('expected a GatehouseError');
}

describe('loadPostgrestConfig', () => {
  it('defaults', () => {
    const c = loadPostgrestConfig();
    expect(c).toMatchObject({
      dbUri: 'postgresql://',
      dbSchemas: ['public'],
      dbAnonRole: null,
      dbExtraSearchPath: ['public'],
      dbMaxRows: null,
      dbTxEnd: 'commit',
      dbTxAllowOverride: false,
      dbAggregatesEnabled: false,
      dbPlanEnabled: false,
      jwtSecret: null,
      jwtKeys: null,
      jwtAud: null,
      jwtRoleClaimKey: { source: '$.role' },
      openApiMode: 'follow-privileges',
      clientErrorVerbosity: 'verbose',
      appSettings: {},
    });
  });

  it("the corpus' postgrest.conf", () => {
    const c = loadPostgrestConfig({ file: corpusConf, env: {} });
    expect(c).toMatchObject({
      dbSchemas: ['api'],
      dbAnonRole: 'cf_anon',
      dbPreRequest: { schema: 'app', name: 'cf_pre_request' },
      dbTxEnd: 'commit-allow-override',
      dbTxAllowOverride: true,
      dbTxRollbackAll: false,
      jwtSecret: 'cf-conformance-jwt-secret-0123456789abcdef',
      jwtKeys: { type: 'secret' },
    });
  });

  it('environment overrides the file; app settings from both; aliases', () => {
    const text = [
      '# comment',
      'db-schemas = "api, v2"',
      'db-anon-role = "anon"',
      'max-rows = 100',
      'db-aggregates-enabled = true',
      'app.settings.greeting = "hello $(WHO)"',
      'app.settings.price = "$$5"',
      'jwt-role-claim-key = ".realm_access.roles[0]"',
      'db-extra-search-path = ""',
    ].join('\n');
    const c = loadPostgrestConfig({
      text,
      env: {
        WHO: 'world',
        PGRST_DB_ANON_ROLE: 'web_anon',
        PGRST_APP_SETTINGS_other: 'x',
        PGRST_DB_PLAN_ENABLED: 'true',
      },
    });
    expect(c).toMatchObject({
      dbSchemas: ['api', 'v2'],
      dbAnonRole: 'web_anon',
      dbMaxRows: 100,
      dbAggregatesEnabled: true,
      dbPlanEnabled: true,
      dbExtraSearchPath: [],
      appSettings: { greeting: 'hello world', price: '$5', other: 'x' },
      jwtRoleClaimKey: {
        steps: [
          { type: 'key', key: 'realm_access' },
          { type: 'key', key: 'roles' },
          { type: 'index', index: 0 },
        ],
      },
    });
  });

  it('base64 and JWKS secrets', () => {
    const b64 = Buffer.from('x'.repeat(40)).toString('base64');
    const c = loadPostgrestConfig({ text: `jwt-secret = "${b64}"\njwt-secret-is-base64 = true`, env: {} });
    expect(c.jwtKeys).toMatchObject({ type: 'secret' });
    expect(c.jwtKeys?.type === 'secret' && new TextDecoder().decode(c.jwtKeys.secret)).toBe('x'.repeat(40));
    const jwk = JSON.stringify({ kty: 'oct', k: 'c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0' });
    const c2 = loadPostgrestConfig({ text: '', env: { PGRST_JWT_SECRET: jwk } });
    expect(c2.jwtKeys).toMatchObject({ type: 'jwks', keys: [{ kty: 'oct' }] });
  });

  it('unreadable file → GH400', () => {
    const e = gh(() => loadPostgrestConfig({ file: '/nonexistent/postgrest.conf' }));
    expect(e.code).toBe('GH400');
    expect(e.message).toContain('/nonexistent/postgrest.conf');
  });

  it('jwt-secret from @file', () => {
    const d = mkdtempSync(join(tmpdir(), 'gh-conf-'));
    writeFileSync(join(d, 'secret'), `${'s'.repeat(32)}\n`);
    const c = loadPostgrestConfig({ text: `jwt-secret = "@${join(d, 'secret')}"`, env: {} });
    expect(c.jwtSecret).toBe('s'.repeat(32));
  });

  it.each([
    ['db-schemas = api', 'postgrest.conf:1', 'must be double-quoted'],
    ['db-schemas "api"', 'postgrest.conf:1', 'expected "="'],
    ['\n\ndb-uri = "unterminated', 'postgrest.conf:3', 'unterminated string'],
    ['x = "$(NOPE_NOT_SET)"', 'postgrest.conf:1', 'NOPE_NOT_SET'],
    ['db-tx-end = "sometimes"', 'postgrest.conf:1 (db-tx-end)', 'Invalid transaction termination'],
    ['db-max-rows = "many"', 'postgrest.conf:1 (db-max-rows)', 'not an integer'],
    [
      'jwt-role-claim-key = "role"',
      'postgrest.conf:1 (jwt-role-claim-key)',
      'failed to parse role-claim-key',
    ],
    ['openapi-mode = "sometimes"', 'postgrest.conf:1 (openapi-mode)', 'Invalid openapi-mode'],
    ['group {\nkey = 1', 'postgrest.conf:2', 'not closed'],
  ])('bad line %j → GH401', (text, where, problem) => {
    const e = gh(() => loadPostgrestConfig({ text, env: {} }));
    expect(e.code).toBe('GH401');
    expect(e.message).toContain(where);
    expect(e.message).toContain(problem);
  });

  it('groups prefix keys; booleans on/off; numbers', () => {
    const m = parseConfigText('app {\n  settings {\n    a = on\n    b = 1.5\n  }\n}\n', 'f');
    expect(Object.fromEntries([...m].map(([k, v]) => [k, v.value]))).toEqual({
      'app.settings.a': 'true',
      'app.settings.b': '1.5',
    });
  });
});

describe('role claim paths', () => {
  const claims = {
    role: 'r0',
    realm_access: { roles: ['admin', 'user'] },
    'https://x.io/claims': { role: 'r1' },
    roles: ['app_user', 'app_admin', 'other'],
  };
  it.each([
    ['$.role', 'r0'],
    ['.role', 'r0'],
    ['.realm_access.roles[1]', 'user'],
    ['$.realm_access.roles[0]', 'admin'],
    ['."https://x.io/claims".role', 'r1'],
    ["$['https://x.io/claims'].role", 'r1'],
    ['.roles[?(@ ^== "app_")]', 'app_user'],
    ['.roles[?(@ ==^ "_admin")]', 'app_admin'],
    ['.roles[?(@ == "other")]', 'other'],
    ['.roles[?(@ != "app_user")]', 'app_admin'],
    ['.roles[?(@ *== "her")]', 'other'],
    ['.missing.path', undefined],
    ['.roles[9]', undefined],
  ])('%s', (path, expected) => expect(evaluateJsPath(claims, parseJsPath(path))).toBe(expected));
});

// Role-claim fixtures of PostgREST's io tests (test/io/fixtures/fixtures.yaml): key, claims, role found or not.
describe('PostgREST role-claim fixtures', () => {
  const author = 'postgrest_test_author';
  it.each<[string, Record<string, unknown>, string | undefined]>([
    ['$.postgrest.a_role', { postgrest: { a_role: author }, other: 'claims' }, author],
    ['$.customObject.manyRoles[1]', { customObject: { manyRoles: ['other', author] } }, author],
    [
      '$["https://www.example.com/roles"][0].value',
      { 'https://www.example.com/roles': [{ value: author }] },
      author,
    ],
    ['$.myDomain[3]', { myDomain: ['other', author] }, undefined],
    ['$.myRole', { role: author }, undefined],
    [
      '$.realm_access.roles[?(@ == "postgrest_test_author")]',
      { realm_access: { roles: ['other', author] } },
      author,
    ],
    ['$.realm_access.roles[?(@ != "other")]', { realm_access: { roles: ['other', author] } }, author],
    ["$.roles[?@ == 'x']", { roles: ['y', 'x'] }, 'x'],
    ['$.aud[1]', { aud: [author, 'postgrest_test_invalid'] }, 'postgrest_test_invalid'],
    ['.postgrest.a_role', { postgrest: { a_role: author } }, author],
    [
      '."https://www.example.com/roles"[0].value',
      { 'https://www.example.com/roles': [{ value: author }] },
      author,
    ],
    ['.realm_access.roles[?(@ ^== "postgrest_te")]', { realm_access: { roles: ['other', author] } }, author],
    [
      '.realm_access.roles[?(@ ==^ "st_test_author")]',
      { realm_access: { roles: ['other', author] } },
      author,
    ],
    ['.realm_access.roles[?(@ *== "_test_")]', { realm_access: { roles: ['other', author] } }, author],
    [
      '.realm_access.roles[?(@ == "string")]',
      { realm_access: { roles: [{ obj_key: 'obj_value' }] } },
      undefined,
    ],
  ])('%s', (key, claims, role) => {
    expect(evaluateJsPath(claims as never, parseJsPath(key))).toBe(role);
  });

  it.each([
    '$.my_role;;domain',
    '@@.role.other',
    'role.other',
    '.role##',
    '.my_role;;domain',
    '.#$$%&$%/',
    '1234',
    '.role[?(@ =)]',
  ])('invalid %j', (key) => {
    expect(() => parseJsPath(key)).toThrow(`failed to parse role-claim-key value (${key})`);
  });

  it('$$ in the config file is a literal $', () => {
    const c = loadPostgrestConfig({ text: 'jwt-role-claim-key = "$$.user[0].real_role"', env: {} });
    expect(c.jwtRoleClaimKey.source).toBe('$.user[0].real_role');
  });
});
