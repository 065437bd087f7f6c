import type { Change, DiffKind, Migration } from '../../shared/diff/migration.js';

/** What a change does to its object, as the tree colours it: added (green +), removed (red −), changed (amber ~). */
export type ChangeTone = 'added' | 'removed' | 'changed';

export function toneOf(c: Change): ChangeTone {
  return c.action === 'add' ? 'added' : c.action === 'drop' ? 'removed' : 'changed';
}

export interface ToneCounts {
  added: number;
  removed: number;
  changed: number;
}

export interface KindGroup {
  readonly key: string;
  readonly kind: DiffKind;
  readonly label: string;
  readonly counts: ToneCounts;
  readonly changes: readonly Change[];
}

export interface SchemaGroup {
  readonly key: string;
  /** null: objects outside schemas (roles, extensions, schemas themselves). */
  readonly schema: string | null;
  readonly label: string;
  readonly counts: ToneCounts;
  readonly kinds: readonly KindGroup[];
}

/**
 * Each kind's heading, in the tree's order: containers first, then what lives in them, then access. A Record, so
 * a kind added to the contract cannot be left out of the tree (its changes would not show).
 */
const KIND_LABELS: Record<DiffKind, string> = {
  schema: 'Schemas',
  extension: 'Extensions',
  role: 'Roles',
  membership: 'Memberships',
  collation: 'Collations',
  type: 'Types',
  sequence: 'Sequences',
  table: 'Tables',
  column: 'Columns',
  constraint: 'Constraints',
  index: 'Indexes',
  statistics: 'Extended statistics',
  view: 'Views',
  materialized_view: 'Materialized views',
  function: 'Functions',
  trigger: 'Triggers',
  rule: 'Rules',
  event_trigger: 'Event triggers',
  publication: 'Publications',
  rls: 'Row level security',
  policy: 'Policies',
  owner: 'Owners',
  grant: 'Grants',
  default_privilege: 'Default privileges',
  comment: 'Comments',
};

export const kindLabel = (k: DiffKind): string => KIND_LABELS[k];
const KIND_ORDER = Object.keys(KIND_LABELS) as DiffKind[];

function count(changes: readonly Change[]): ToneCounts {
  const c = { added: 0, removed: 0, changed: 0 };
  for (const x of changes) c[toneOf(x)] += 1;
  return c;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The object a change is about, as the tree row names it: `members`, `members.email`, `login(text)`. */
export function changeLabel(c: Change): string {
  const o = c.object;
  return `${o.name}${o.args !== undefined ? `(${o.args})` : ''}${o.member !== undefined ? `.${o.member}` : ''}`;
}

/**
 * The differences as a tree: schema → kind → change, counts of added/removed/changed at every level, in a
 * stable order (schemas by name with the cluster-wide group first, kinds in KIND_LABELS' order, objects by name).
 * `tones` filters which changes show.
 */
export function changeTree(
  changes: readonly Change[],
  tones: ReadonlySet<ChangeTone> = new Set(['added', 'removed', 'changed']),
): SchemaGroup[] {
  const bySchema = new Map<string | null, Change[]>();
  for (const c of changes) {
    if (!tones.has(toneOf(c))) continue;
    // A schema change sits with the cluster-wide ones: the schema itself is what is created or dropped.
    const s = c.kind === 'schema' ? null : c.object.schema;
    const list = bySchema.get(s);
    if (list) list.push(c);
    else bySchema.set(s, [c]);
  }
  const schemas = [...bySchema.keys()].sort((a, b) => (a === null ? -1 : b === null ? 1 : byCodePoint(a, b)));
  return schemas.map((schema) => {
    const list = bySchema.get(schema)!;
    const kinds = KIND_ORDER.flatMap((kind): KindGroup[] => {
      const of = list
        .filter((c) => c.kind === kind)
        .sort((a, b) => byCodePoint(changeLabel(a), changeLabel(b)) || byCodePoint(a.id, b.id));
      return of.length === 0
        ? []
        : [
            {
              key: `${schema ?? ''}\0${kind}`,
              kind,
              label: KIND_LABELS[kind],
              counts: count(of),
              changes: of,
            },
          ];
    });
    return {
      key: schema ?? '\0cluster',
      schema,
      label: schema ?? 'Database',
      counts: count(list),
      kinds,
    };
  });
}

/** Changes in tree order, for ↑/↓ through the tree (collapsed groups skipped). */
export function visibleOrder(tree: readonly SchemaGroup[], collapsed: ReadonlySet<string>): Change[] {
  const out: Change[] = [];
  for (const s of tree) {
    if (collapsed.has(s.key)) continue;
    for (const k of s.kinds) if (!collapsed.has(k.key)) out.push(...k.changes);
  }
  return out;
}

/**
 * Ticking: the user leaves changes out (`unticked`), the engine leaves out their dependants too and says why
 * (`migration.skipped`). Ticking a change back in ticks in what it requires, transitively — otherwise the
 * engine would leave it out again, silently.
 */
export function tickIn(migration: Migration, unticked: ReadonlySet<string>, id: string): Set<string> {
  const byId = new Map(migration.changes.map((c) => [c.id, c]));
  const next = new Set(unticked);
  const stack = [id];
  const seen = new Set<string>();
  while (stack.length > 0) {
    const x = stack.pop()!;
    if (seen.has(x)) continue;
    seen.add(x);
    next.delete(x);
    stack.push(...(byId.get(x)?.requires ?? []));
  }
  return next;
}

export function tickOut(unticked: ReadonlySet<string>, id: string): Set<string> {
  return new Set([...unticked, id]);
}

/** Why each left-out change is out: the user's own untick, or the engine's reason for a dependant. */
export function skipReasons(migration: Migration, unticked: ReadonlySet<string>): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of migration.skipped) out.set(s.id, unticked.has(s.id) ? 'Ticked out' : s.because);
  for (const id of unticked) if (!out.has(id)) out.set(id, 'Ticked out');
  return out;
}

/** The changes that require `id` (its dependants): what leaving it out takes along. */
export function dependantsOf(migration: Migration, id: string): Change[] {
  return migration.changes.filter((c) => c.requires.includes(id));
}
