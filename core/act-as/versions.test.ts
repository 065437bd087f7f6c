import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../db/sql-files.js';
import { parseCases } from './conformance/cases.js';
import { defaultRoleClaimKey, parseJsPath } from './config/js-path.js';
import { loadPostgrestConfig } from './config/load.js';
import {
  POSTGREST_VERSIONS,
  VERSION_BEHAVIOURS,
  behavesAt,
  configRefusal,
  inVersionRange,
  parsePostgrestVersion,
  type BehaviourId,
  type VersionBehaviour,
} from './versions.js';

const cases = parseCases(
  readFileSync(resolve(packageRoot(), 'core/act-as/conformance/cases/round2.json'), 'utf8'),
  'round2.json',
);

/**
 * Every behaviour's cases: one for the versions that have it, and those for the versions that do not (their ranges
 * together are the rest).
 */
const CASES: Record<BehaviourId, { readonly with: string; readonly without: readonly string[] }> = {
  'singular-coerce-message': {
    with: 'r2.singular.insert-many-minimal',
    without: ['r2.singular.insert-many-v12-message'],
  },
  'missing-relation-pgrst205': {
    with: 'r2.version.missing-table-pgrst205',
    without: ['r2.version.missing-table-42p01'],
  },
  'spread-to-many': { with: 'r2.version.spread-to-many', without: ['r2.version.spread-to-many-v12'] },
  'content-length': { with: 'r2.version.content-length', without: ['r2.version.no-content-length-v12'] },
  'proxy-status': { with: 'r2.version.proxy-status', without: ['r2.version.no-proxy-status-v12'] },
  vary: { with: 'r2.version.vary', without: ['r2.version.no-vary'] },
  'client-error-verbosity': {
    with: 'r2.version.client-error-verbosity',
    without: ['r2.version.client-error-verbosity-ignored'],
  },
  'timezone-strict': {
    with: 'r2.version.timezone-invalid-fails',
    without: ['r2.version.timezone-invalid-ignored'],
  },
  'jwt-role-claim-key-json-path': {
    with: 'r2.version.role-claim-json-path',
    without: ['r2.version.role-claim-json-path-refused'],
  },
  'jwt-role-claim-key-filters': {
    with: 'r2.version.role-claim-filter',
    without: ['r2.version.role-claim-filter-refused-v12'],
  },
  'legacy-target-names-setting': {
    with: 'r2.version.target-names-alias-only',
    without: ['r2.version.target-names-setting-ignored'],
  },
  'jwt-diagnostic-errors': {
    with: 'r2.version.jwt-empty-bearer',
    without: ['r2.version.jwt-empty-bearer-v12'],
  },
  'jwt-key-selection': {
    with: 'r2.version.jwt-hs512-no-suitable-key',
    without: ['r2.version.jwt-hs512-v12'],
  },
  'jwt-null-time-claims-checked': {
    with: 'r2.version.jwt-null-exp-checked-v13',
    without: ['r2.version.jwt-null-exp-ignored-v12', 'r2.version.jwt-null-exp-ignored'],
  },
  'jwt-secret-min-length': {
    with: 'r2.version.jwt-short-secret-refused',
    without: ['r2.version.jwt-short-secret-v12'],
  },
  'unknown-role-401': { with: 'r2.version.unknown-role-401', without: ['r2.version.unknown-role-400-v12'] },
  'is-not-null': { with: 'r2.version.is-not-null', without: ['r2.version.is-not-null-v12'] },
  'pgrst125-126': { with: 'r2.version.invalid-path-pgrst125', without: ['r2.version.invalid-path-v12'] },
  'params-single-object': {
    with: 'r2.version.params-single-object-v12',
    without: ['r2.version.params-single-object-v13', 'r2.version.params-single-object-removed'],
  },
  'range-error-cut-to-page': {
    with: 'r2.version.range-error-cut-v13',
    without: ['r2.version.range-error-v12', 'r2.version.range-error'],
  },
  'limited-update-delete': {
    with: 'r2.version.limited-update-v12',
    without: ['r2.version.limited-update-ignored'],
  },
  'pgrst106-names-schema': { with: 'r2.version.pgrst106', without: ['r2.version.pgrst106-v12'] },
  'single-param-fallback-unnamed-only': {
    with: 'r2.version.named-single-param-fallback',
    without: ['r2.version.named-single-param-fallback-v13'],
  },
  'system-schemas-refused': {
    with: 'r2.version.system-schema-refused',
    without: ['r2.version.system-schema-started'],
  },
  'timezone-numeric-offsets': {
    with: 'r2.version.timezone-numeric-offset',
    without: ['r2.version.timezone-numeric-offset-ignored'],
  },
  'fts-to-tsvector': {
    with: 'r2.version.fts-to-tsvector',
    without: ['r2.version.fts-column-as-is-v12'],
  },
  'serialization-failure-retried': {
    with: 'r2.version.serialization-failure-retried',
    without: ['r2.version.serialization-failure-answered'],
  },
  'openapi-integer-formats': {
    with: 'r2.version.openapi-integer-formats',
    without: ['r2.version.openapi-integer-type-names'],
  },
  'openapi-volatile-post-only': {
    with: 'r2.version.openapi-volatile-post-only',
    without: ['r2.version.openapi-volatile-get-v12'],
  },
  'mutation-logic-filters-representation': {
    with: 'r2.version.patch-or-representation-filtered',
    without: ['r2.version.patch-or-representation'],
  },
  'name-hints-close-only': {
    with: 'r2.version.function-hint-close-only',
    without: ['r2.version.function-hint-loose'],
  },
  'rpc-filters-unselected-columns': {
    with: 'r2.version.rpc-filter-unselected',
    without: ['r2.version.rpc-filter-unselected-v12'],
  },
  'spread-aggregates-checked': {
    with: 'r2.version.spread-aggregate-refused',
    without: ['r2.version.spread-aggregate-v12'],
  },
  'max-affected-rpc-needs-set': {
    with: 'r2.version.max-affected-rpc-single',
    without: ['r2.version.max-affected-rpc-single-v12'],
  },
  'role-setting-values-lowercased': {
    with: 'r2.version.role-setting-lowercased',
    without: ['r2.version.role-setting-verbatim'],
  },
  'mutation-representation-ordered': {
    with: 'r2.version.patch-representation-ordered',
    without: ['r2.version.patch-representation-unordered-v12'],
  },
  'unknown-schemas-fail-schema-cache': {
    with: 'r2.version.unknown-schema-no-schema-cache',
    without: ['r2.version.unknown-schema-v12'],
  },
  'role-settings-need-plain-authenticator': {
    with: 'r2.version.mixed-case-authenticator-no-settings',
    without: ['r2.version.mixed-case-authenticator'],
  },
};

const str = (v: number | undefined): string | undefined => (v === undefined ? undefined : String(v));

describe('the PostgREST version table', () => {
  it.each(Object.keys(VERSION_BEHAVIOURS) as BehaviourId[])(
    '%s has a case for its range and cases for the rest',
    (id) => {
      const b: VersionBehaviour = VERSION_BEHAVIOURS[id];
      const withCase = cases.find((c) => c.id === CASES[id].with);
      const withoutCases = CASES[id].without.map((w) => cases.find((c) => c.id === w));
      expect(withCase, CASES[id].with).toBeDefined();
      expect(withCase?.since).toBe(str(b.since));
      expect(withCase?.until).toBe(str(b.until));
      for (const v of POSTGREST_VERSIONS) {
        expect(inVersionRange(v, withCase!)).toBe(behavesAt(v, id));
        const others = withoutCases.filter((c) => inVersionRange(v, c!));
        expect(others.length, `${id} at ${v}`).toBe(behavesAt(v, id) ? 0 : 1);
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

  it('refuses a jwt-secret under 32 characters from 13 on (12 took it)', () => {
    const short = loadPostgrestConfig({ text: 'jwt-secret = "short"', env: {} });
    expect(configRefusal({ ...short, postgrestVersion: 13 })).toMatch(/at least 32 characters/);
    expect(configRefusal({ ...short, postgrestVersion: 16 })).toMatch(/at least 32 characters/);
    expect(configRefusal({ ...short, postgrestVersion: 12 })).toBeNull();
  });

  it('refuses pg_catalog or information_schema in db-schemas from 16 on', () => {
    const sys = loadPostgrestConfig({ text: 'db-schemas = "api, information_schema"', env: {} });
    expect(configRefusal({ ...sys, postgrestVersion: 16 })).toMatch(
      /does not allow schema: 'information_schema'/,
    );
    expect(configRefusal({ ...sys, postgrestVersion: 14 })).toBeNull();
  });
});
