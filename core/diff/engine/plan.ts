import type { Change, DiffKind, Hazard } from '../../../shared/diff/migration.js';
import { isEventTriggerRef, refKey, refLabel, type ObjectRef } from '../../../shared/model/catalog.js';
import type { Statement } from '../../ddl/statement.js';

/** A statement on its way into the migration: the changes it carries and what it risks. */
export interface Planned {
  readonly statement: Statement;
  /** Grows after planning when the statement also writes a change with none of its own (see linkCarriers). */
  readonly changeIds: string[];
  readonly hazards: readonly Hazard[];
}

/**
 * The statements of one object in one phase: `drop` removes it (or, for an object that stays, what of it must
 * go first: policies, constraints, indexes, triggers), `main` creates or alters it. Units are what the
 * dependency graph orders. A rule or policy dropped on its own is a unit of its own (its `ref` the member's, see memberDropFirst).
 */
export interface Unit {
  readonly ref: ObjectRef;
  readonly phase: 'drop' | 'main';
  readonly statements: Planned[];
}

export type Bucket = 'first' | 'late' | 'acl' | 'defaults' | 'last';

export interface NewChange {
  readonly action: Change['action'];
  readonly kind: DiffKind;
  readonly object: ObjectRef;
  readonly summary: string;
  readonly fromSql?: string | null;
  readonly toSql?: string | null;
  readonly requires?: readonly string[];
  readonly because?: string | null;
}

/** Collects changes and their statements while the per-kind diffs run; the order step turns it into a migration. */
export class Plan {
  readonly changes: Change[] = [];
  readonly units = new Map<string, Unit>();
  readonly first: Planned[] = [];
  readonly late: { rank: number; order: number; planned: Planned }[] = [];
  readonly acl: Planned[] = [];
  readonly defaults: Planned[] = [];
  readonly last: Planned[] = [];
  /** Main units ordered by a rule no dependency edge states (pairs: first, then). */
  readonly orderings: [ObjectRef, ObjectRef][] = [];
  private readonly ids = new Map<string, number>();
  private readonly byId = new Map<string, Change>();

  /** Registers a change; its id is `kind:action:label`, stable for the same pair and options. */
  change(c: NewChange): string {
    const base = `${c.kind}:${c.action}:${refLabel(c.object)}`;
    const n = this.ids.get(base) ?? 0;
    this.ids.set(base, n + 1);
    const id = n === 0 ? base : `${base}#${n + 1}`;
    const change: Change = {
      id,
      action: c.action,
      kind: c.kind,
      object: c.object,
      summary: c.summary,
      fromSql: c.fromSql ?? null,
      toSql: c.toSql ?? null,
      requires: [...(c.requires ?? [])],
      because: c.because ?? null,
    };
    this.changes.push(change);
    this.byId.set(id, change);
    return id;
  }

  /** The main unit of `first` runs before that of `then`. */
  before(first: ObjectRef, then: ObjectRef): void {
    this.orderings.push([first, then]);
  }

  get(id: string): Change | undefined {
    return this.byId.get(id);
  }

  /** Adds `requires` to an existing change (a dependant found after it was registered). */
  require(id: string, ...others: string[]): void {
    const c = this.byId.get(id);
    if (c === undefined) return;
    for (const o of others) if (o !== id && !c.requires.includes(o)) c.requires.push(o);
  }

  unit(ref: ObjectRef, phase: Unit['phase']): Unit {
    const top = topRef(ref);
    const key = `${phase}\0${refKey(top)}`;
    let u = this.units.get(key);
    if (u === undefined) {
      u = { ref: top, phase, statements: [] };
      this.units.set(key, u);
    }
    return u;
  }

  /**
   * DROP RULE or DROP POLICY as a drop unit of its own, ordered ahead of its relation's drops and changes: a rule
   * is what makes two tables that name each other in their rules' actions depend on each other, a policy what
   * makes a table depend on a function that reads it (a BEGIN ATOMIC body), and dropping it first is what breaks
   * that cycle (orderUnits moves a table's rule and policy edges onto these units).
   */
  memberDropFirst(statement: Statement, changeId: string, hazards: readonly Hazard[] = []): void {
    const ref = statement.object;
    const key = `drop\0${refKey(ref)}`;
    let u = this.units.get(key);
    if (u === undefined) {
      u = { ref, phase: 'drop', statements: [] };
      this.units.set(key, u);
    }
    u.statements.push({ statement, changeIds: [changeId], hazards });
  }

  hasUnit(ref: ObjectRef, phase: Unit['phase']): boolean {
    return this.units.has(`${phase}\0${refKey(topRef(ref))}`);
  }

  /** Statements into one object's unit whatever objects they name (a type rebuild moves columns of tables). */
  addTo(
    ref: ObjectRef,
    phase: Unit['phase'],
    statements: readonly Statement[],
    changeId: string,
    hazards: readonly Hazard[] = [],
  ): void {
    const u = this.unit(ref, phase);
    for (const statement of statements) u.statements.push({ statement, changeIds: [changeId], hazards });
  }

  /** A statement at the head of one object's unit: what the unit's other statements need done first. */
  addFirst(ref: ObjectRef, phase: Unit['phase'], statement: Statement, changeId: string): void {
    this.unit(ref, phase).statements.unshift({ statement, changeIds: [changeId], hazards: [] });
  }

  add(
    where: Unit['phase'] | Bucket,
    statements: Statement | readonly Statement[],
    changeId: string | readonly string[],
    hazards: readonly Hazard[] = [],
    lateRank = 0,
  ): void {
    const list = Array.isArray(statements) ? (statements as readonly Statement[]) : [statements as Statement];
    const ids = typeof changeId === 'string' ? [changeId] : [...changeId];
    for (const statement of list) {
      const planned: Planned = { statement, changeIds: ids, hazards };
      switch (where) {
        case 'drop':
        case 'main':
          this.unit(statement.object, where).statements.push(planned);
          break;
        case 'late':
          this.late.push({ rank: lateRank, order: this.late.length, planned });
          break;
        default:
          this[where].push(planned);
      }
    }
  }
}

/** Members (columns, policies, …) belong to their relation's unit. */
export function topRef(ref: ObjectRef): ObjectRef {
  if (isEventTriggerRef(ref)) return ref;
  switch (ref.kind) {
    case 'column':
    case 'constraint':
    case 'index':
    case 'trigger':
    case 'policy':
    case 'rule':
      return { kind: 'relation', schema: ref.schema, name: ref.name };
    default:
      return ref.member === undefined ? ref : { ...ref, member: undefined };
  }
}

export const hazard = (kind: Hazard['kind'], detail: string): Hazard => ({ kind, detail });
