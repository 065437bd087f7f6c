import type { z } from 'zod';
import type { relationFingerprintRow } from './rows.js';

/** One relation's fingerprint row (sql/catalog/relation-fingerprints.sql). */
export type RelationFingerprint = z.output<typeof relationFingerprintRow>;

/** What one side of a two-database read leaves out: null reads everything. */
export interface TrimDecision {
  /** The relations read (OIDs of this side): every other relation of the included schemas is left out. */
  readonly read: readonly number[];
  /** The serial and identity sequences of the relations left out, left out with them. */
  readonly leaveOutSequences: readonly number[];
  /** Every relation and sequence left out. */
  readonly leftOut: readonly number[];
}

/** One side's fingerprints with the server major they were taken on (raw facts differ between majors). */
export interface SideFingerprints {
  readonly major: number;
  readonly rows: readonly RelationFingerprint[];
}

const keyOf = (schema: string, name: string) => `${schema}\0${name}`;
const refsText = (r: RelationFingerprint) => [...r.refs].sort().join('\n');

/** A ref's parts ("f" or "o", schema, name); null where a name holds the separator itself (then read). */
function refParts(ref: string): { via: string; key: string } | null {
  const parts = ref.split('\x1f');
  return parts.length === 3 && (parts[0] === 'f' || parts[0] === 'o')
    ? { via: parts[0], key: keyOf(parts[1]!, parts[2]!) }
    : null;
}

/** What both sides of a two-database read leave out (decideTrim). */
export interface PairDecision {
  readonly from: TrimDecision;
  readonly to: TrimDecision;
  /** How many relations both sides hold equal and leave out. */
  readonly equalLeftOut: number;
}

/**
 * Which relations two databases about to be diffed need not read, each side's. A relation is left out when it
 * is a plain table whose fingerprint (its own facts and its members', other relations by name) and named
 * relations are the same on both sides, and nothing that changes reaches it:
 * - a table it references by foreign key changes what the key rests on (its columns, their order or types, its
 *   unique keys and indexes: the key may then be dropped and made again around the change, or the table
 *   rebuilt), or is not a plain table on both sides;
 * - a relation it uses otherwise (a sequence in a default, a table in a policy's subquery) is read, for any
 *   reason: what follows a change follows through those, so they are followed to the end;
 * - it names a relation neither side lists (outside the schemas compared).
 * What is left out is the same on both sides and equal on both: the diff of the rest is the diff of the whole.
 * Different majors read everything (the raw facts a fingerprint is made of are not comparable).
 */
export function decideTrim(from: SideFingerprints, to: SideFingerprints): PairDecision | null {
  if (from.major !== to.major) return null;
  const a = new Map(from.rows.map((r) => [keyOf(r.schema, r.name), r]));
  const b = new Map(to.rows.map((r) => [keyOf(r.schema, r.name), r]));
  const equal = new Set<string>();
  for (const [k, x] of a) {
    const y = b.get(k);
    if (y === undefined || x.fixed || y.fixed || x.fingerprint !== y.fingerprint) continue;
    if (refsText(x) !== refsText(y)) continue;
    equal.add(k);
  }
  const known = (k: string) => a.has(k) || b.has(k);
  // Whether a foreign key to the relation may be dropped and made again by the migration.
  const keyChanges = (k: string) => {
    const x = a.get(k);
    const y = b.get(k);
    return (
      x === undefined || y === undefined || x.fixed || y.fixed || x.key_fingerprint !== y.key_fingerprint
    );
  };
  // Read: every relation not equal on both sides, then what reaches them, until nothing more does.
  const read = new Set<string>([...a.keys(), ...b.keys()].filter((k) => !equal.has(k)));
  const changed = new Set(read);
  // Each equal relation's refs, parsed once (the loop below goes over them again for every link of a chain);
  // one that names a relation neither side lists, or that cannot be read as a name, is read outright.
  const pending = new Map<string, { via: string; key: string }[]>();
  for (const k of equal) {
    const parts = a.get(k)!.refs.map(refParts);
    if (parts.some((p) => p === null || !known(p.key))) read.add(k);
    else if (parts.length > 0) pending.set(k, parts as { via: string; key: string }[]);
  }
  for (let grew = true; grew;) {
    grew = false;
    for (const [k, parts] of pending) {
      if (parts.some((p) => (p.via === 'f' ? changed.has(p.key) && keyChanges(p.key) : read.has(p.key)))) {
        read.add(k);
        pending.delete(k);
        grew = true;
      }
    }
  }
  const decision = (side: Map<string, RelationFingerprint>): TrimDecision => {
    const kept: number[] = [];
    const sequences: number[] = [];
    const out: number[] = [];
    for (const [k, r] of side) {
      if (read.has(k)) kept.push(r.oid);
      else {
        out.push(r.oid);
        sequences.push(...r.sequence_oids);
      }
    }
    return { read: kept, leaveOutSequences: sequences, leftOut: [...out, ...sequences] };
  };
  return {
    from: decision(a),
    to: decision(b),
    equalLeftOut: [...equal].filter((k) => !read.has(k)).length,
  };
}

/** A side's part in a two-database read: hands over its fingerprints, gets what it may leave out. */
export type TrimExchange = (side: SideFingerprints) => Promise<TrimDecision | null>;

/**
 * The meeting point of two catalog reads that trim together (readCatalog's `trim`): each side's exchange
 * waits for the other's fingerprints; `decided` is what both were told (null: everything read). `fail` releases
 * a side still waiting when the other's read failed before it got there (it then reads everything, and is
 * abandoned by its caller anyway).
 */
export function trimTogether(): {
  from: TrimExchange;
  to: TrimExchange;
  fail: () => void;
  decided: Promise<PairDecision | null>;
} {
  let fromSide: SideFingerprints | null = null;
  let toSide: SideFingerprints | null = null;
  let settle: ((d: PairDecision | null) => void) | null = null;
  const decided = new Promise<PairDecision | null>((resolve) => (settle = resolve));
  const arrive = () => {
    if (fromSide !== null && toSide !== null) settle?.(decideTrim(fromSide, toSide));
  };
  return {
    from: async (side) => {
      fromSide = side;
      arrive();
      return (await decided)?.from ?? null;
    },
    to: async (side) => {
      toSide = side;
      arrive();
      return (await decided)?.to ?? null;
    },
    fail: () => settle?.(null),
    decided,
  };
}

/**
 * Runs two reads that trim together, each handed its side's exchange: the pair's models and what was decided
 * (null: everything read). A read that fails releases the other, which may be waiting for its fingerprints.
 */
export async function readTrimmedPair<T>(
  from: (trim: TrimExchange) => Promise<T>,
  to: (trim: TrimExchange) => Promise<T>,
): Promise<{ from: T; to: T; decided: PairDecision | null }> {
  const exchange = trimTogether();
  const side = (read: (trim: TrimExchange) => Promise<T>, trim: TrimExchange) =>
    read(trim).catch((error: unknown) => {
      exchange.fail();
      throw error;
    });
  const [a, b] = await Promise.all([side(from, exchange.from), side(to, exchange.to)]);
  return { from: a, to: b, decided: await exchange.decided };
}
