import type { Catalog, ObjectRef, Relation, SchemaInfo } from '../../shared/model/catalog.js';

export type NavKind = 'table' | 'view' | 'function' | 'sequence' | 'type';

export interface NavItem {
  readonly ref: ObjectRef;
  readonly kind: NavKind;
  readonly name: string;
  /** Functions: identity arguments, shown after the name. */
  readonly args: string | null;
  readonly owner: string;
  /** Tables only. */
  readonly rls: 'forced' | 'on' | 'off' | null;
}

export interface NavGroup {
  readonly kind: NavKind;
  readonly label: string;
  readonly items: readonly NavItem[];
}

export interface NavSchema {
  readonly schema: SchemaInfo;
  readonly groups: readonly NavGroup[];
  readonly total: number;
}

const groupLabels: Record<NavKind, string> = {
  table: 'Tables',
  view: 'Views',
  function: 'Functions',
  sequence: 'Sequences',
  type: 'Types',
};

export function relationNavKind(r: Relation): NavKind {
  return r.kind === 'view' || r.kind === 'materialized_view' ? 'view' : 'table';
}

export function rlsState(r: Relation): 'forced' | 'on' | 'off' {
  return r.rlsForced && r.rlsEnabled ? 'forced' : r.rlsEnabled ? 'on' : 'off';
}

/** Every object the navigator and quick-open list, in catalog order (already sorted by the model). */
export function navItems(catalog: Catalog): NavItem[] {
  const items: NavItem[] = [];
  for (const r of catalog.relations) {
    const kind = relationNavKind(r);
    items.push({
      ref: { kind: 'relation', schema: r.schema, name: r.name },
      kind,
      name: r.name,
      args: null,
      owner: r.owner,
      rls: kind === 'table' ? rlsState(r) : null,
    });
  }
  for (const f of catalog.functions) {
    items.push({
      ref: { kind: 'function', schema: f.schema, name: f.name, args: f.identityArgs },
      kind: 'function',
      name: f.name,
      args: f.identityArgs,
      owner: f.owner,
      rls: null,
    });
  }
  for (const s of catalog.sequences) {
    items.push({
      ref: { kind: 'sequence', schema: s.schema, name: s.name },
      kind: 'sequence',
      name: s.name,
      args: null,
      owner: s.owner,
      rls: null,
    });
  }
  for (const t of catalog.types) {
    items.push({
      ref: { kind: 'type', schema: t.schema, name: t.name },
      kind: 'type',
      name: t.name,
      args: null,
      owner: t.owner,
      rls: null,
    });
  }
  return items;
}

/** Case-insensitive: every word of the filter must occur in `schema.name` (so `pub tod` finds public.todos). */
export function matchesFilter(schema: string, name: string, filter: string): boolean {
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return true;
  const hay = `${schema}.${name}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

/** Schemas → groups → items, narrowed by the filter; a schema whose own name matches keeps all its objects. */
export function buildNavigator(catalog: Catalog, filter: string): NavSchema[] {
  const all = navItems(catalog);
  const result: NavSchema[] = [];
  for (const schema of catalog.schemas) {
    const schemaMatches =
      filter.trim() !== '' && matchesFilter(schema.name, '', filter) && !filter.includes('.');
    const inSchema = all.filter(
      (i) => i.ref.schema === schema.name && (schemaMatches || matchesFilter(schema.name, i.name, filter)),
    );
    if (inSchema.length === 0 && filter.trim() !== '' && !schemaMatches) continue;
    const groups: NavGroup[] = [];
    for (const kind of Object.keys(groupLabels) as NavKind[]) {
      const items = inSchema.filter((i) => i.kind === kind);
      if (items.length > 0) groups.push({ kind, label: groupLabels[kind], items });
    }
    result.push({ schema, groups, total: inSchema.length });
  }
  return result;
}
