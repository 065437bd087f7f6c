import { refKey, type Relation, type UserType } from '../../../shared/model/catalog.js';
import { refs } from '../../ddl/statement.js';
import { same } from './compare.js';
import type { Diff } from './context.js';
import { relKey } from './side.js';

/**
 * Whether a typed table that stays of its type leaves it for the migration (NOT OF first, OF again late) and has its
 * columns changed as a plain table's, instead of following ALTER TYPE … CASCADE:
 * - the type is rebuilt (renamed away, made anew: the table would stay of the old one, which then cannot be
 *   dropped, 2BP01; a column of a type rebuilt under it cannot be moved while it is typed, 42809);
 * - an attribute changes type (ALTER ATTRIBUTE … CASCADE converts the columns by assignment alone, no USING: text to
 *   integer is refused, 42804; the table's own ALTER COLUMN … TYPE casts as any other's);
 * - an attribute is added whose column has a default in the table (ADD ATTRIBUTE … CASCADE leaves the rows null,
 *   SET DEFAULT does not fill them: ADD COLUMN … DEFAULT does, as on a plain table, and NOT NULL then holds).
 * A table rebuilt for its column order is made OF the new type anew instead, and one that changes type (or
 * becomes untyped) leaves it anyway.
 */
export function leavesItsType(d: Diff, from: Relation, to: Relation): boolean {
  const of = from.ofType;
  if (of === undefined || !same(of, to.ofType)) return false;
  if (d.rebuilt.has(refKey(refs.relation(from.schema, from.name)))) return false;
  if (d.typeRebuilt.has(refKey(refs.type(of.schema, of.name)))) return true;
  const a = d.from.types.get(relKey(of.schema, of.name));
  const b = d.to.types.get(relKey(of.schema, of.name));
  if (a === undefined || b === undefined) return false;
  if (attributeRetyped(a, b)) return true;
  // ADD ATTRIBUTE … CASCADE adds the column empty; ADD COLUMN … DEFAULT fills the rows with it, as a plain table's.
  const had = new Set(a.attributes.map((x) => x.name));
  return to.columns.some((c) => !had.has(c.name) && c.default !== null);
}

/** Whether an attribute both versions of a composite type have changes type or collation. */
export function attributeRetyped(a: UserType, b: UserType): boolean {
  return a.attributes.some((x) => {
    const y = b.attributes.find((z) => z.name === x.name);
    return y !== undefined && (y.type.formatted !== x.type.formatted || !same(y.collation, x.collation));
  });
}

/**
 * Whether ALTER TYPE … ADD / DROP ATTRIBUTE gives `b`'s attribute order: the attributes kept in their order, the new
 * ones after them (ADD ATTRIBUTE appends).
 */
export function attributesAppended(a: UserType, b: UserType): boolean {
  const had = new Set(a.attributes.map((x) => x.name));
  const has = new Set(b.attributes.map((x) => x.name));
  const order = [
    ...a.attributes.filter((x) => has.has(x.name)).map((x) => x.name),
    ...b.attributes.filter((x) => !had.has(x.name)).map((x) => x.name),
  ];
  return same(
    order,
    b.attributes.map((x) => x.name),
  );
}
