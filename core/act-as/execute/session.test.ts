import { describe, expect, it } from 'vitest';
import { beginStatement, settingsStatement, sortedJson, type SessionContext } from './session.js';

const ctx: SessionContext = {
  role: 'cf_user',
  claims: { sub: 'u', aud: ['x'], role: 'ignored' },
  method: 'GET',
  path: '/tasks',
  headers: [
    ['x-a', '1'],
    ['x-a', '2'],
  ],
  cookies: [['s', 'v']],
  searchPath: ['api', 'pub"lic'],
  roleSettings: [['statement_timeout', '5s']],
  appSettings: [['app.settings.k', 'v']],
  functionSettings: [],
  timezone: null,
  preRequest: null,
  isolationLevel: 'read committed',
  readOnly: true,
};

describe('session', () => {
  it('begins like PostgREST', () => {
    expect(beginStatement(ctx)).toBe('BEGIN ISOLATION LEVEL READ COMMITTED READ ONLY');
  });
  it('sets everything in one parameterised round, role settings before the role', () => {
    const s = settingsStatement(ctx);
    const names = s.params.filter((_, i) => i % 2 === 0);
    expect(names).toEqual([
      'search_path',
      'statement_timeout',
      'role',
      'request.jwt.claims',
      'request.method',
      'request.path',
      'request.headers',
      'request.cookies',
      'app.settings.k',
    ]);
    expect(s.params[1]).toBe('"api", "pub""lic"');
    expect(s.params[7]).toBe('{"aud":["x"],"role":"cf_user","sub":"u"}');
    expect(s.params[13]).toBe('{"x-a":"2"}');
    expect(s.sql).toMatch(/^select set_config\(\$1, \$2, true\), /);
  });
  it('sorts keys at every depth', () => {
    expect(sortedJson({ b: { d: 1, c: 2 }, a: [{ z: 1, y: 2 }] })).toBe(
      '{"a":[{"y":2,"z":1}],"b":{"c":2,"d":1}}',
    );
  });
});
