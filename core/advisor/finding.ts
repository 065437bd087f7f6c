import { createHash } from 'node:crypto';
import type { Finding, FindingLink } from '../../shared/contract/advisor.js';
import { refLabel, type ObjectRef } from '../../shared/model/catalog.js';
import type { Statement } from '../ddl/index.js';
import type { FindingDefinition } from './registry.js';

/** JSON with keys sorted, so that a fingerprint does not depend on property order. */
function stableJson(value: unknown): string {
  // Hot: a run hashes every relation a finding names. Loops and concatenation, not entries/map/join (3× faster);
  // the text is the same as before, so committed acknowledgements keep matching.
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) out += (i === 0 ? '' : ',') + stableJson(value[i]);
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const v = record[key];
    if (v === undefined) continue;
    out += (out.length === 1 ? '' : ',') + JSON.stringify(key) + ':' + stableJson(v);
  }
  return `${out}}`;
}

/**
 * Names for a message, the first few and how many more: with hundreds of request roles a line naming every one
 * is unreadable (and was megabytes per run). The finding's `objects` still lists them all.
 */
export function someNames(names: readonly string[], max = 6): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}

/** A short hash of an object's definition (whatever the finding depends on): acknowledgements compare it. */
export function fingerprint(...parts: unknown[]): string {
  return createHash('sha256').update(stableJson(parts)).digest('hex').slice(0, 16);
}

/** How many request roles a finding names in full (the rest are counted): see the contract's `roles`. */
export const ROLES_LISTED = 20;

export interface FindingArgs {
  /** The main object's readable name. */
  readonly object: string;
  readonly objects: readonly ObjectRef[];
  /** The request roles concerned, all of them: the finding keeps the first ROLES_LISTED and the count. */
  readonly roles?: readonly string[];
  readonly message: string;
  /**
   * The hash acknowledgements compare, computed when first read: only findings an acknowledgement names (and a
   * saved or printed report) need one, and hashing every finding's objects was a third of a run.
   */
  readonly fingerprint: string | (() => string);
  /** The DDL that fixes it, from core/ddl's builders, and what it does. */
  readonly fix?: { readonly summary: string; readonly statements: readonly Statement[] } | null;
  /** Said when there is no fix, or about the fix (what to do next). */
  readonly fixNote?: string | null;
  readonly link?: FindingLink | null;
}

export function makeFinding(def: FindingDefinition, a: FindingArgs): Finding {
  const finding: Finding = {
    id: def.id,
    key: `${def.id}:${a.object}`,
    severity: def.severity,
    title: def.title,
    message: a.message,
    why: def.why,
    object: a.object,
    objects: [...a.objects],
    roles: { names: (a.roles ?? []).slice(0, ROLES_LISTED), total: a.roles?.length ?? 0 },
    fingerprint: '',
    fix:
      a.fix == null || a.fix.statements.length === 0
        ? null
        : {
            summary: a.fix.summary,
            statements: a.fix.statements.map((s) => ({
              sql: s.sql,
              object: refLabel(s.object),
              action: `${def.id}: ${s.kind}`,
            })),
          },
    fixNote: a.fixNote ?? null,
    link: a.link ?? null,
    acknowledged: null,
  };
  let compute = typeof a.fingerprint === 'string' ? null : a.fingerprint;
  let hash = typeof a.fingerprint === 'string' ? a.fingerprint : '';
  // An enumerable getter in the same place: JSON and spreads see a plain string property.
  Object.defineProperty(finding, 'fingerprint', {
    enumerable: true,
    configurable: true,
    get: () => {
      if (compute !== null) {
        hash = compute();
        compute = null;
      }
      return hash;
    },
  });
  return finding;
}

/** Fingerprint parts of a model object: its definition without the facts that change on their own. */
export function definitionOf<T extends object>(o: T): Omit<T, 'oid' | 'estimatedRows'> {
  const { oid: _oid, estimatedRows: _rows, ...rest } = o as T & { oid?: unknown; estimatedRows?: unknown };
  return rest;
}
