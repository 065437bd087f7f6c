import { catalogIndex, type CatalogIndex } from '../../shared/model/catalog-index.js';
import type { Catalog, ObjectRef, Privilege } from '../../shared/model/catalog.js';
import { effectivePrivileges } from '../../shared/model/effective-privileges.js';
import type { PrivilegeObjectKind } from '../../shared/model/privilege-kinds.js';
import type { PrivilegeSource } from '../../shared/model/privileges.js';
import { requireRole } from '../../shared/model/role-closure.js';

/** One effective privilege as `gatehouse grants --json` prints it. */
export interface GrantEntry {
  /** `schema`, `schema.relation` or `schema.function` (with `(args)` only where the name is overloaded). */
  readonly object: string;
  readonly kind: Exclude<PrivilegeObjectKind, 'column'>;
  readonly privilege: Privilege;
  /** Present only where the role holds the privilege on this column but not on the whole table. */
  readonly column?: string;
  /** The role it is held through (the role itself when direct), or PUBLIC. */
  readonly via: string;
}

export interface GrantsReport {
  readonly role: string;
  readonly privileges: readonly GrantEntry[];
}

/** How a role holds each privilege, for the readable report (the JSON keeps to the documented shape). */
export interface ExplainedEntry extends GrantEntry {
  readonly source: PrivilegeSource;
  readonly grantable: boolean;
}

/** The object's name as the report writes it. */
export function objectName(index: CatalogIndex, ref: ObjectRef): string {
  if (ref.schema === null) return ref.name;
  const base = `${ref.schema}.${ref.name}`;
  if (ref.kind === 'function' && index.functions(ref.schema, ref.name).length > 1)
    return `${base}(${ref.args ?? ''})`;
  return base;
}

/**
 * Every privilege `role` holds in the model, one entry per (object, privilege[, column]), following PostgreSQL's
 * rules (shared/model/effective-privileges.ts: NOINHERIT, 16+ INHERIT options, PUBLIC, predefined roles, owner).
 * An unknown role is GH210.
 */
export function explainGrants(model: Catalog | CatalogIndex, role: string): ExplainedEntry[] {
  const index = 'catalog' in model ? model : catalogIndex(model);
  requireRole(index, role);
  const out: ExplainedEntry[] = [];
  for (const p of effectivePrivileges(index, role)) {
    out.push({
      object: objectName(index, p.object),
      // A column entry names its table: kind `table` with `column` set.
      kind: p.kind === 'column' ? 'table' : p.kind,
      privilege: p.privilege,
      ...(p.column !== undefined ? { column: p.column } : {}),
      via: p.via,
      source: p.source,
      grantable: p.grantable,
    });
  }
  return out;
}

export function grantsReport(model: Catalog | CatalogIndex, role: string): GrantsReport {
  return {
    role,
    privileges: explainGrants(model, role).map(({ object, kind, privilege, column, via }) => ({
      object,
      kind,
      privilege,
      ...(column !== undefined ? { column } : {}),
      via,
    })),
  };
}

const WHY: Record<PrivilegeSource, (via: string) => string> = {
  direct: () => 'granted directly',
  public: () => 'via PUBLIC',
  inherited: (via) => `inherited from ${via}`,
  predefined: (via) => `through predefined role ${via}`,
  superuser: () => 'superuser',
};

/** The readable report: one block per object, each privilege with why it is held. */
export function formatGrants(role: string, entries: readonly ExplainedEntry[]): string {
  if (entries.length === 0) return `${role} holds no privileges on the objects read.\n`;
  const lines = [`Privileges of ${role} (${entries.length}):`];
  let last = '';
  for (const e of entries) {
    const head = `${e.kind} ${e.object}`;
    if (head !== last) {
      lines.push(`  ${head}`);
      last = head;
    }
    const col = e.column !== undefined ? ` (${e.column})` : '';
    const grant = e.grantable ? ', with grant option' : '';
    lines.push(`    ${e.privilege}${col}: ${WHY[e.source](e.via)}${grant}`);
  }
  return lines.join('\n') + '\n';
}
