import type {
  Catalog,
  FunctionInfo,
  Grant,
  ObjectRef,
  Policy,
  Privilege,
  Relation,
  SchemaInfo,
  Sequence,
  UserType,
} from '../../shared/model/catalog.js';

export type CatalogObject =
  | { readonly kind: 'relation'; readonly value: Relation }
  | { readonly kind: 'function'; readonly value: FunctionInfo }
  | { readonly kind: 'sequence'; readonly value: Sequence }
  | { readonly kind: 'type'; readonly value: UserType }
  | { readonly kind: 'schema'; readonly value: SchemaInfo };

/** The catalog entry a reference names, or null when it is gone (dropped since the link was made). */
export function findObject(catalog: Catalog, ref: ObjectRef): CatalogObject | null {
  const same = (o: { schema: string; name: string }) => o.schema === ref.schema && o.name === ref.name;
  switch (ref.kind) {
    case 'relation': {
      const value = catalog.relations.find(same);
      return value ? { kind: 'relation', value } : null;
    }
    case 'function': {
      const value =
        catalog.functions.find((f) => same(f) && f.identityArgs === ref.args) ??
        catalog.functions.find((f) => same(f) && ref.args === undefined);
      return value ? { kind: 'function', value } : null;
    }
    case 'sequence': {
      const value = catalog.sequences.find(same);
      return value ? { kind: 'sequence', value } : null;
    }
    case 'type': {
      const value = catalog.types.find(same);
      return value ? { kind: 'type', value } : null;
    }
    case 'schema': {
      const value = catalog.schemas.find((s) => s.name === ref.name);
      return value ? { kind: 'schema', value } : null;
    }
    default:
      return null;
  }
}

export function policiesFor(catalog: Catalog, r: Relation): Policy[] {
  return catalog.policies.filter((p) => p.schema === r.schema && p.table === r.name);
}

/** Grants on the object itself; for relations also the column grants, separately. */
export function grantsFor(catalog: Catalog, ref: ObjectRef): { object: Grant[]; columns: Grant[] } {
  const object = catalog.grants.filter(
    (g) =>
      g.object.kind === ref.kind &&
      g.object.schema === ref.schema &&
      g.object.name === ref.name &&
      (ref.kind !== 'function' || g.object.args === ref.args),
  );
  const columns =
    ref.kind === 'relation'
      ? catalog.grants.filter(
          (g) => g.object.kind === 'column' && g.object.schema === ref.schema && g.object.name === ref.name,
        )
      : [];
  return { object, columns };
}

/** The privileges that exist for an object kind, in the order GRANT ALL lists them. */
export function privilegesFor(kind: CatalogObject['kind'], major: number, relation?: Relation): Privilege[] {
  switch (kind) {
    case 'relation': {
      const base: Privilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', 'REFERENCES', 'TRIGGER'];
      if (major >= 17) base.push('MAINTAIN');
      return relation?.kind === 'view' ? base.filter((p) => p !== 'MAINTAIN' || major >= 17) : base;
    }
    case 'function':
      return ['EXECUTE'];
    case 'sequence':
      return ['USAGE', 'SELECT', 'UPDATE'];
    case 'type':
      return ['USAGE'];
    case 'schema':
      return ['USAGE', 'CREATE'];
  }
}

export function qualified(schema: string, name: string): string {
  return `${schema}.${name}`;
}
