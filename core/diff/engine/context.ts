import type { DiffKind, DiffOptions, Unwritable } from '../../../shared/diff/migration.js';
import { isEventTriggerRef, refKey, type ObjectRef } from '../../../shared/model/catalog.js';
import { GatehouseError } from '../../../shared/errors.js';
import {
  collationPhases,
  eventTriggerPhases,
  functionPhases,
  languagePhases,
  publicationPhases,
  relationPhases,
  sequencePhases,
  statisticsPhases,
  typePhases,
  type Phases,
} from '../../ddl/object-phases.js';
import { toScript, type Statement } from '../../ddl/statement.js';
import { Plan } from './plan.js';
import { fnKey, relKey, type Side } from './side.js';

/** What of a table that stays is dropped and recreated around a change it depends on. */
export type MemberPart = 'policy' | 'trigger' | 'default' | 'constraint' | 'index' | 'rule';

/** Why an object is dropped and recreated: its own change, or one it depends on. */
export interface Recreate {
  readonly changeId: string;
  /** For dependants: the change that forces it. */
  readonly cause: string | null;
  readonly because: string | null;
}

/** The state every kind's diff reads and writes: both sides, the options, the plan and the recreation sets. */
export class Diff {
  readonly plan = new Plan();
  /** Top objects dropped in FROM: removed, or recreated (then also in `recreated`), by refKey. */
  readonly dropped = new Map<string, { ref: ObjectRef; changeId: string }>();
  /** Top objects dropped and created again from TO, by refKey. */
  readonly recreated = new Map<string, Recreate>();
  /** Tables rebuilt to reproduce their column order (data kept). */
  readonly rebuilt = new Map<string, string>();
  /** Types rebuilt in place (renamed away, created anew, columns moved over): enum values removed. */
  readonly typeRebuilt = new Map<string, string>();
  /**
   * Collations rebuilt around their users (renamed away, created anew, users moved over), by `schema\0name`: their
   * change, and the `COLLATE s.c` that definitions using one spell.
   */
  readonly collationRebuilt = new Map<string, { changeId: string; spelt: string }>();
  /** Identity sequences made anew (with their table or column): their privileges are written whole. */
  readonly freshIdentities = new Set<string>();
  /** Foreign keys dropped and added again around the referenced table's key (`refKey\0name`). */
  readonly foreignKeysRecreated = new Set<string>();
  /** Domains whose checks are dropped and added again around an object they call (by refKey: the change). */
  readonly domainChecks = new Map<string, string>();
  /** Tables whose columns change in a way views and policies over them do not survive (drop, type change). */
  readonly touched = new Map<string, string>();
  /** The dropped or retyped columns of each touched table, by name (absent: all of them may be affected). */
  readonly touchedColumns = new Map<string, ReadonlySet<string>>();
  /** Parts of tables that stay, dropped and recreated because of something they depend on. */
  readonly memberRecreates = new Map<string, Map<MemberPart, { changeId: string; because: string }>>();
  /** Enum values added (their literals): a statement using one cannot share their transaction. */
  readonly enumValues: { literal: string; changeId: string }[] = [];
  /** Objects created (or recreated) by a change that the DDL writer cannot write. */
  readonly unwritable: Unwritable[] = [];

  constructor(
    readonly from: Side,
    readonly to: Side,
    readonly options: DiffOptions,
  ) {}

  /** The server major the migration runs on (FROM's). */
  get major(): number {
    return this.from.model.server.major;
  }

  wants(kind: DiffKind): boolean {
    if (this.options.excludeKinds?.includes(kind) === true) return false;
    if (kind === 'owner' && this.options.ignoreOwners === true) return false;
    if ((kind === 'grant' || kind === 'default_privilege') && this.options.ignoreGrants === true)
      return false;
    if ((kind === 'role' || kind === 'membership') && this.options.includeRoles !== true) return false;
    return true;
  }

  isDropped(ref: ObjectRef): boolean {
    return this.dropped.has(refKey(ref));
  }

  isRecreated(ref: ObjectRef): boolean {
    return this.recreated.has(refKey(ref));
  }

  markDropped(ref: ObjectRef, changeId: string): void {
    if (!this.dropped.has(refKey(ref))) this.dropped.set(refKey(ref), { ref, changeId });
  }

  markRecreated(ref: ObjectRef, r: Recreate): boolean {
    const k = refKey(ref);
    if (this.recreated.has(k)) return false;
    this.recreated.set(k, r);
    this.markDropped(ref, r.changeId);
    return true;
  }

  recreateMembers(schema: string, table: string, part: MemberPart, changeId: string, because: string): void {
    const k = relKey(schema, table);
    const m = this.memberRecreates.get(k) ?? new Map<MemberPart, { changeId: string; because: string }>();
    if (!m.has(part)) m.set(part, { changeId, because });
    this.memberRecreates.set(k, m);
  }

  /**
   * Runs a writer for a change; a GH222 (the model cannot be written) becomes an unwritable entry instead of
   * failing the whole diff. Returns whether it wrote.
   */
  writing(changeId: string, object: ObjectRef, write: () => void): boolean {
    try {
      write();
      return true;
    } catch (error) {
      if (!(error instanceof GatehouseError) || error.code !== 'GH222') throw error;
      this.unwritable.push({ changeId, object, reason: error.message, hint: error.hint });
      return false;
    }
  }

  /** Whether a definition (an index's, a constraint's) spells a collation that is rebuilt under it. */
  spellsRebuiltCollation(definition: string): boolean {
    for (const c of this.collationRebuilt.values()) if (definition.includes(c.spelt)) return true;
    return false;
  }

  hasMemberRecreates(schema: string, table: string): boolean {
    return this.memberRecreates.has(relKey(schema, table));
  }

  memberRecreate(
    schema: string,
    table: string,
    part: MemberPart,
  ): { changeId: string; because: string } | undefined {
    return this.memberRecreates.get(relKey(schema, table))?.get(part);
  }

  /** The object's whole DDL on one side, for the side-by-side view (null where it is absent or unwritable). */
  sql(side: Side, ref: ObjectRef): string | null {
    if (this.options.objectSql === false) return null;
    // A table with several changes (columns, an index, a comment) names its DDL once per change: write it once.
    const key = `${side === this.from ? 'from' : 'to'}\0${refKey(ref)}`;
    if (this.sqlCache.has(key)) return this.sqlCache.get(key) ?? null;
    const phases = objectPhases(side, ref);
    // What the comparison ignores is left out of the view too: an owner that differs is not a difference here.
    const shown = (s: Statement) =>
      (s.kind !== 'owner' || this.wants('owner')) &&
      ((s.kind !== 'grant' && s.kind !== 'revoke') || this.wants('grant'));
    const text = phases === null ? null : toScript(flat(phases).filter(shown));
    this.sqlCache.set(key, text);
    return text;
  }

  private readonly sqlCache = new Map<string, string | null>();
}

export function flat(p: Phases): Statement[] {
  return [...p.create, ...[...p.late].sort((a, b) => a.rank - b.rank).map((l) => l.statement), ...p.acl];
}

/** The creation phases of a top object on one side, or null (absent, or not writable from the model). */
export function objectPhases(side: Side, ref: ObjectRef): Phases | null {
  const p = writeObject(side, ref);
  return p === null || 'reason' in p ? null : p;
}

/** objectPhases, with the writer's reason (GH222) where the object exists but cannot be written. */
export function writeObject(
  side: Side,
  ref: ObjectRef,
): Phases | { reason: string; hint: string | null } | null {
  try {
    return phasesOf(side, ref);
  } catch (error) {
    if (error instanceof GatehouseError && error.code === 'GH222')
      return { reason: error.message, hint: error.hint ?? null };
    throw error;
  }
}

function phasesOf(side: Side, ref: ObjectRef): Phases | null {
  switch (ref.kind) {
    case 'relation': {
      const r = side.relations.get(relKey(ref.schema ?? '', ref.name));
      return r === undefined ? null : relationPhases(side.lookup, r);
    }
    case 'function': {
      const f = side.functions.get(
        fnKey({ schema: ref.schema ?? '', name: ref.name, identityArgs: ref.args ?? '' }),
      );
      return f === undefined ? null : functionPhases(side.lookup, f);
    }
    case 'type': {
      const t = side.types.get(relKey(ref.schema ?? '', ref.name));
      return t === undefined ? null : typePhases(side.lookup, t);
    }
    case 'sequence': {
      const s = side.sequences.get(relKey(ref.schema ?? '', ref.name));
      return s === undefined ? null : sequencePhases(side.lookup, s);
    }
    case 'collation': {
      const c = side.collations.get(relKey(ref.schema ?? '', ref.name));
      return c === undefined ? null : collationPhases(c);
    }
    case 'statistics': {
      const s = side.statistics.get(relKey(ref.schema ?? '', ref.name));
      return s === undefined ? null : statisticsPhases(s);
    }
    case 'publication': {
      const pub = side.model.publications?.find((x) => x.name === ref.name);
      return pub === undefined ? null : publicationPhases(pub);
    }
    case 'language': {
      const l = side.model.languages?.find((x) => x.name === ref.name);
      return l === undefined ? null : languagePhases(side.lookup, l);
    }
    case 'trigger': {
      if (!isEventTriggerRef(ref)) return null;
      const e = side.model.eventTriggers?.find((x) => x.name === ref.name);
      return e === undefined ? null : eventTriggerPhases(e);
    }
    default:
      return null;
  }
}
