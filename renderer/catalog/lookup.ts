import type {
  Catalog,
  FunctionInfo,
  Grant,
  ObjectRef,
  Policy,
  Relation,
  SchemaInfo,
  Sequence,
  UserType,
} from '../../shared/model/catalog.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';

export type CatalogObject =
  | { readonly kind: 'relation'; readonly value: Relation }
  | { readonly kind: 'function'; readonly value: FunctionInfo }
  | { readonly kind: 'sequence'; readonly value: Sequence }
  | { readonly kind: 'type'; readonly value: UserType }
  | { readonly kind: 'schema'; readonly value: SchemaInfo };

/** The catalog entry a reference names, or null when it is gone (dropped since the link was made). */
export function findObject(catalog: Catalog, ref: ObjectRef): CatalogObject | null {
  const index = catalogIndex(catalog);
  const schema = ref.schema ?? '';
  switch (ref.kind) {
    case 'relation': {
      const value = index.relation(schema, ref.name);
      return value ? { kind: 'relation', value } : null;
    }
    case 'function': {
      // A reference without arguments (a link by name) opens the first overload.
      const value =
        ref.args === undefined
          ? index.functions(schema, ref.name)[0]
          : index.functionOverload(schema, ref.name, ref.args);
      return value ? { kind: 'function', value } : null;
    }
    case 'sequence': {
      const value = index.sequence(schema, ref.name);
      return value ? { kind: 'sequence', value } : null;
    }
    case 'type': {
      const value = index.type(schema, ref.name);
      return value ? { kind: 'type', value } : null;
    }
    case 'schema': {
      const value = index.schema(ref.name);
      return value ? { kind: 'schema', value } : null;
    }
    default:
      return null;
  }
}

export function policiesFor(catalog: Catalog, r: Relation): readonly Policy[] {
  return catalogIndex(catalog).policies(r.schema, r.name);
}

/** Grants on the object itself; for relations also the column grants, separately. */
export function grantsFor(
  catalog: Catalog,
  ref: ObjectRef,
): { object: readonly Grant[]; columns: readonly Grant[] } {
  const index = catalogIndex(catalog);
  const object = index.grantsOn(
    ref.kind === 'function' || ref.kind === 'column'
      ? ref
      : { kind: ref.kind, schema: ref.schema, name: ref.name },
  );
  const columns = ref.kind === 'relation' ? index.columnGrantsOf(ref.schema ?? '', ref.name) : [];
  return { object, columns };
}

export function qualified(schema: string, name: string): string {
  return `${schema}.${name}`;
}
