import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../db/sql-files.js';
import { parseCases } from './conformance/cases.js';
import { defaultRoleClaimKey, parseJsPath } from './config/js-path.js';
import {
  POSTGREST_VERSIONS,
  VERSION_BEHAVIOURS,
  behavesAt,
  configRefusal,
  inVersionRange,
  parsePostgrestVersion,
  type BehaviourId,
} from './versions.js';

const cases = parseCases(
  readFileSync(resolve(packageRoot(), 'core/act-as/conformance/cases/round2.json'), 'utf8'),
  'round2.json',
);

/** Every behaviour's cases: one for the versions that have it, one for those that do not. */
const CASES: Record<BehaviourId, { readonly with: string; readonly without: string }> = {
  'singular-coerce-message': {
    with: 'r2.singular.insert-many-minimal',
    without: 'r2.singular.insert-many-v12-message',
  },
  'missing-relation-pgrst205': {
    with: 'r2.version.missing-table-pgrst205',
    without: 'r2.version.missing-table-42p01',
  },
  'spread-to-many': { with: 'r2.version.spread-to-many', without: 'r2.version.spread-to-many-v12' },
  'content-length': { with: 'r2.version.content-length', without: 'r2.version.no-content-length-v12' },
  'proxy-status': { with: 'r2.version.proxy-status', without: 'r2.version.no-proxy-status-v12' },
  vary: { with: 'r2.version.vary', without: 'r2.version.no-vary' },
  'client-error-verbosity': {
    with: 'r2.version.client-error-verbosity',
    without: 'r2.version.client-error-verbosity-ignored',
  },
  'timezone-strict': {
    with: 'r2.version.timezone-invalid-fails',
    without: 'r2.version.timezone-invalid-ignored',
  },
  'jwt-role-claim-key-json-path': {
    with: 'r2.version.role-claim-json-path',
    without: 'r2.version.role-claim-json-path-refused',
  },
  'jwt-role-claim-key-filters': {
    with: 'r2.version.role-claim-filter',
    without: 'r2.version.role-claim-filter-refused-v12',
  },
  'legacy-target-names-setting': {
    with: 'r2.version.target-names-alias-only',
    without: 'r2.version.target-names-setting-ignored',
  },
};

describe('the PostgREST version table', () => {
  it.each(Object.keys(VERSION_BEHAVIOURS) as BehaviourId[])(
    '%s has a case on each side of its range',
    (id) => {
      const b = VERSION_BEHAVIOURS[id];
      const withCase = cases.find((c) => c.id === CASES[id].with);
      const withoutCase = cases.find((c) => c.id === CASES[id].without);
      expect(withCase?.since).toBe(String(b.since));
      expect(withoutCase?.until).toBe(String(b.since));
      for (const v of POSTGREST_VERSIONS) {
        expect(inVersionRange(v, withCase!)).toBe(behavesAt(v, id));
        expect(inVersionRange(v, withoutCase!)).toBe(!behavesAt(v, id));
      }
    },
  );

  it('parses --postgrest-version values', () => {
    expect(parsePostgrestVersion('16')).toBe(16);
    expect(parsePostgrestVersion('v12')).toBe(12);
    expect(parsePostgrestVersion('14.17')).toBe(14);
    expect(parsePostgrestVersion('15')).toBeNull();
    expect(parsePostgrestVersion('latest')).toBeNull();
  });
});

describe('configurations a major refuses to start with', () => {
  const key = (source: string) => ({ jwtRoleClaimKey: parseJsPath(source) });
  it('names the jwt-role-claim-key syntax the major does not read', () => {
    expect(configRefusal({ postgrestVersion: 16, ...key('$.roles[0]') })).toBeNull();
    expect(configRefusal({ postgrestVersion: 14, ...key('$.roles[0]') })).toMatch(
      /PostgREST 14 .*from 16 on/,
    );
    expect(configRefusal({ postgrestVersion: 13, ...key('.roles[?(@ == "a")]') })).toBeNull();
    expect(configRefusal({ postgrestVersion: 12, ...key('.roles[?(@ == "a")]') })).toMatch(/from 13 on/);
    expect(configRefusal({ postgrestVersion: 12, jwtRoleClaimKey: defaultRoleClaimKey })).toBeNull();
  });
});
