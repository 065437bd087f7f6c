import { describe, expect, it } from 'vitest';
import type { Catalog, Column, Relation, TypeRef, UserType } from '../../../shared/model/catalog.js';
import { builtInType, smallCatalog, table } from '../../../shared/model/testing/small-catalog.js';
import { diffModels } from './diff-models.js';
import { attributesAppended } from './typed-tables.js';

const INT = builtInType('int4', 'integer', 23);
const TEXT = builtInType('text', 'text', 25);

/** Composite app.tag of `attributes` (`name: type`), and a table app.tags OF it, its columns the attributes. */
function typed(attributes: Record<string, TypeRef>, defaults: Record<string, string> = {}): Catalog {
  const names = Object.keys(attributes);
  const type: UserType = {
    oid: 90001,
    schema: 'app',
    name: 'tag',
    kind: 'composite',
    owner: 'postgres',
    comment: null,
    arrayOid: null,
    labels: [],
    domain: null,
    attributes: names.map((n, i) => ({ name: n, position: i + 1, type: attributes[n] ?? INT })),
    rangeSubtype: null,
    extension: null,
  };
  const t = table('app', 'tags', 'postgres', names);
  const r: Relation = {
    ...t,
    ofType: { schema: 'app', name: 'tag' },
    columns: t.columns.map((c): Column => ({
      ...c,
      type: attributes[c.name] ?? INT,
      default: defaults[c.name] ?? null,
    })),
  };
  return { ...smallCatalog({ roles: [], relations: [r], schemas: ['app'] }), types: [type] };
}
const sql = (a: Catalog, b: Catalog) => diffModels(a, b).statements.map((s) => s.sql);

describe('typed tables under a changing type', () => {
  it('tells when ADD ATTRIBUTE gives the new order', () => {
    const t = (...names: string[]) => typed(Object.fromEntries(names.map((n) => [n, INT]))).types[0]!;
    expect(attributesAppended(t('x', 'y'), t('x', 'y', 'z'))).toBe(true);
    expect(attributesAppended(t('x', 'y', 'z'), t('x', 'z'))).toBe(true);
    expect(attributesAppended(t('x', 'y'), t('x', 'z', 'y'))).toBe(false);
    expect(attributesAppended(t('x', 'y'), t('y', 'x'))).toBe(false);
  });

  it('follows ADD and DROP ATTRIBUTE … CASCADE when that is all', () => {
    expect(sql(typed({ id: INT, old: TEXT }), typed({ id: INT, label: TEXT }))).toEqual([
      'ALTER TYPE app.tag DROP ATTRIBUTE old CASCADE',
      'ALTER TYPE app.tag ADD ATTRIBUTE label text CASCADE',
    ]);
  });

  it('leaves its type meanwhile when an attribute changes type, its column cast as a plain table’s', () => {
    expect(sql(typed({ id: TEXT, label: TEXT }), typed({ id: INT, label: TEXT }))).toEqual([
      'ALTER TABLE app.tags NOT OF',
      'ALTER TYPE app.tag ALTER ATTRIBUTE id TYPE integer CASCADE',
      'ALTER TABLE app.tags ALTER COLUMN id TYPE integer USING id::integer',
      'ALTER TABLE app.tags OF app.tag',
    ]);
  });

  it('leaves its type meanwhile when a new attribute takes a default in the table, which fills the rows', () => {
    expect(sql(typed({ id: INT }), typed({ id: INT, n: INT }, { n: '0' }))).toEqual([
      'ALTER TABLE app.tags NOT OF',
      'ALTER TYPE app.tag ADD ATTRIBUTE n integer CASCADE',
      'ALTER TABLE app.tags ADD COLUMN n integer DEFAULT (0)',
      'ALTER TABLE app.tags OF app.tag',
    ]);
  });

  it('is rebuilt OF the new type when an attribute is added between others', () => {
    const out = sql(typed({ lo: INT, hi: INT }), typed({ lo: INT, mid: INT, hi: INT }));
    expect(out.filter((s) => /^(ALTER TYPE app\.tag RENAME|CREATE|INSERT|DROP TYPE)/.test(s))).toEqual([
      'ALTER TYPE app.tag RENAME TO tag_gh_old',
      'CREATE TYPE app.tag AS (\n  lo integer,\n  mid integer,\n  hi integer\n)',
      'CREATE TABLE app.tags OF app.tag',
      'INSERT INTO app.tags (lo, hi) OVERRIDING SYSTEM VALUE SELECT lo, hi FROM app.tags_gh_rebuild',
      'DROP TYPE app.tag_gh_old',
    ]);
  });
});

describe('columns storing a composite rebuilt with its attributes moved', () => {
  const TAG: TypeRef = {
    oid: 90001,
    schema: 'app',
    name: 'tag',
    formatted: 'app.tag',
    kind: 'composite',
    isArray: false,
    elementOid: null,
  };
  const TAGS: TypeRef = {
    ...TAG,
    oid: 90002,
    name: '_tag',
    formatted: 'app.tag[]',
    isArray: true,
    elementOid: 90001,
  };
  /** app.tag of `names` (an array type 90002) stored by app.log's column `c`, of `column`'s type. */
  function stored(names: string[], column: TypeRef): Catalog {
    const m = typed(Object.fromEntries(names.map((n) => [n, INT])));
    const log = table('app', 'log', 'postgres', ['c']);
    return {
      ...m,
      relations: [{ ...log, columns: log.columns.map((c) => ({ ...c, type: column })) }],
      types: m.types.map((t) => ({ ...t, arrayOid: 90002 })),
    };
  }

  it('moves a column field by field, by name', () => {
    expect(sql(stored(['x', 'y'], TAG), stored(['y', 'x'], TAG))).toContain(
      'ALTER TABLE app.log ALTER COLUMN c TYPE app.tag USING CASE WHEN c::text IS NULL THEN NULL ELSE ROW((c).y::text, (c).x::text)::app.tag END',
    );
  });

  it('moves an array of it element by element through a function of the session, dropped after', () => {
    const m = diffModels(stored(['x', 'y'], TAGS), stored(['y', 'x'], TAGS));
    expect(m.unwritable).toEqual([]);
    const statements = m.statements.map((s) => s.sql);
    const at = (prefix: string) => statements.findIndex((s) => s.startsWith(prefix));
    expect(statements[at('CREATE FUNCTION pg_temp.tag_gh_move(a app.tag_gh_old[])')]).toContain(
      'r[i] := CASE WHEN a[i]::text IS NULL THEN NULL ELSE ROW((a[i]).y::text, (a[i]).x::text)::app.tag END;',
    );
    expect(
      at('ALTER TABLE app.log ALTER COLUMN c TYPE app.tag[] USING pg_temp.tag_gh_move(c)'),
    ).toBeGreaterThan(at('CREATE FUNCTION pg_temp.tag_gh_move'));
    expect(at('DROP FUNCTION pg_temp.tag_gh_move(app.tag_gh_old[])')).toBeGreaterThan(
      at('ALTER TABLE app.log ALTER COLUMN c TYPE'),
    );
    expect(at('DROP TYPE app.tag_gh_old')).toBeGreaterThan(at('DROP FUNCTION pg_temp.tag_gh_move'));
  });
});

describe('attributes of a composite renamed', () => {
  /** app.tag of `attributes`, without the typed table (a column elsewhere may be of it). */
  const bare = (attributes: Record<string, TypeRef>): Catalog => ({ ...typed(attributes), relations: [] });
  const offered = (a: Catalog, b: Catalog) =>
    diffModels(a, b).renameCandidates.map((c) => `${c.from.member ?? ''}→${c.to.member ?? ''}`);

  it('offers each attribute renamed in place, and carries them out as RENAME ATTRIBUTE when accepted', () => {
    const a = bare({ id: INT, street: TEXT, zip: TEXT });
    const b = bare({ id: INT, road: TEXT, postcode: TEXT });
    expect(offered(a, b)).toEqual(['street→road', 'zip→postcode']);
    // Offered, never assumed: without renames the attributes are dropped and added.
    expect(sql(a, b)).toContain('ALTER TYPE app.tag DROP ATTRIBUTE zip');
    expect(diffModels(a, b, { renames: 'all' }).statements.map((s) => s.sql)).toEqual([
      'ALTER TYPE app.tag RENAME ATTRIBUTE street TO road',
      'ALTER TYPE app.tag RENAME ATTRIBUTE zip TO postcode',
    ]);
  });

  it('offers none where a type changes, names move, or a typed table would follow', () => {
    expect(offered(bare({ id: INT, zip: TEXT }), bare({ id: INT, postcode: INT }))).toEqual([]);
    expect(offered(bare({ x: INT, y: INT }), bare({ y: INT, z: INT }))).toEqual([]);
    expect(offered(bare({ id: INT }), bare({ id: INT, zip: TEXT }))).toEqual([]);
    expect(offered(typed({ id: INT, zip: TEXT }), typed({ id: INT, postcode: TEXT }))).toEqual([]);
  });
});
