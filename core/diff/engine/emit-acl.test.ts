import { describe, expect, it } from 'vitest';
import type { Catalog, Grant, Language } from '../../../shared/model/catalog.js';
import { grant, smallCatalog } from '../../../shared/model/testing/small-catalog.js';
import { diffModels } from './diff-models.js';

const plpgsql = (owner = 'postgres'): Language => ({
  oid: 13563,
  name: 'plpgsql',
  owner,
  trusted: true,
  extension: 'plpgsql',
});
/** PostgreSQL's default while lanacl is NULL: USAGE for PUBLIC and the owner. */
const defaults = (owner = 'postgres'): Grant[] =>
  [grant('language plpgsql', 'PUBLIC', 'USAGE'), grant('language plpgsql', owner, 'USAGE')].map((g) => ({
    ...g,
    grantor: owner,
    implicit: true,
  }));
/** `languages` null: a model read before languages were (no `languages`, no grants on them). */
const model = (grants: Grant[], languages: Language[] | null = [plpgsql()]): Catalog => ({
  ...smallCatalog({ roles: [], grants }),
  ...(languages !== null ? { languages } : {}),
});
const sqls = (a: Catalog, b: Catalog) => diffModels(a, b).statements.map((s) => s.sql);

describe('language privileges', () => {
  const revoked = model([
    grant('language plpgsql', 'postgres', 'USAGE'),
    grant('language plpgsql', 'anon', 'USAGE', true),
  ]);

  it('revokes USAGE from PUBLIC and grants it to a role, and back to the built-in default', () => {
    const m = diffModels(model(defaults()), revoked);
    expect(m.statements.map((s) => s.sql)).toEqual([
      'REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC',
      'GRANT USAGE ON LANGUAGE plpgsql TO anon WITH GRANT OPTION',
    ]);
    expect(m.changes.map((c) => [c.id, c.summary])).toEqual([
      ['grant:alter:plpgsql', 'privileges on language plpgsql'],
    ]);
    expect(sqls(revoked, model(defaults()))).toEqual([
      'REVOKE USAGE ON LANGUAGE plpgsql FROM anon',
      'GRANT USAGE ON LANGUAGE plpgsql TO PUBLIC',
    ]);
  });

  it('sees an explicit ACL equal to the default as the default', () => {
    const explicit = defaults().map((g) => ({ ...g, implicit: false }));
    expect(diffModels(model(explicit), model(defaults())).changes).toEqual([]);
  });

  it('leaves them alone against a model read before languages were, and with grants ignored', () => {
    expect(diffModels(model([], null), revoked).equal).toBe(true);
    expect(diffModels(revoked, model([], null)).equal).toBe(true);
    expect(diffModels(model(defaults()), revoked, { ignoreGrants: true }).equal).toBe(true);
  });

  it('writes nothing for a language only one side has (it comes and goes with its extension)', () => {
    expect(diffModels(model([], []), revoked).statements).toEqual([]);
  });

  it("compares another owner's own items as its owner's, never naming either", () => {
    const other = model(defaults('supabase_admin'), [plpgsql('supabase_admin')]);
    expect(diffModels(model(defaults()), other).equal).toBe(true);
    const kept = model(
      [grant('language plpgsql', 'supabase_admin', 'USAGE')].map((g) => ({
        ...g,
        grantor: 'supabase_admin',
      })),
      [plpgsql('supabase_admin')],
    );
    expect(sqls(model(defaults()), kept)).toEqual(['REVOKE USAGE ON LANGUAGE plpgsql FROM PUBLIC']);
  });
});
