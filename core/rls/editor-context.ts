import type { SavedPersona } from '../../shared/contract/act-as-console.js';
import type { PolicyEditorContext } from '../../shared/contract/rls.js';
import { GatehouseError } from '../../shared/errors.js';
import type { Catalog } from '../../shared/model/catalog.js';
import type { PostgrestConfig } from '../act-as/config/index.js';
import { advisorConfigOf } from '../advisor/rls-advice.js';
import { advisorContext } from '../advisor/context.js';
import { modelAccess } from '../advisor/access.js';
import { claimNamesInUse, settingsSetBy } from './claim-names.js';
import { policyTemplates } from './templates.js';

const SYSTEM_SCHEMAS = new Set(['pg_catalog', 'information_schema', 'pg_toast']);

/**
 * What the policy editor completes from, for one table: its columns, the other relations and functions (system
 * schemas left out), the roles requests run as, the claim names in use (database and saved personas), the
 * settings the pre-request function sets, and the templates filled in for this table. Pure, no I/O.
 */
export function policyEditorContext(
  catalog: Catalog,
  config: PostgrestConfig,
  personas: readonly SavedPersona[],
  table: { schema: string; table: string },
): PolicyEditorContext {
  const rel = catalog.relations.find((r) => r.schema === table.schema && r.name === table.table);
  if (!rel)
    throw new GatehouseError('GH702', `There is no relation ${table.schema}.${table.table}.`, {
      hint: 'It may have been dropped or renamed: reload the RLS panel.',
    });
  const ctx = advisorContext(catalog, advisorConfigOf(config), modelAccess(catalog));
  const requestRoles = ctx.requestRoles.filter((r) => r.exists).map((r) => r.name);
  const claims = claimNamesInUse(catalog, personas);
  const pre = config.dbPreRequest;
  const preFn =
    pre === null ? undefined : catalog.functions.find((f) => f.schema === pre.schema && f.name === pre.name);
  const sessionSettings = settingsSetBy(preFn?.source ?? null);
  const columns = rel.columns.map((c) => ({ name: c.name, type: c.type.formatted }));
  return {
    schema: rel.schema,
    table: rel.name,
    columns,
    relations: catalog.relations
      .filter((r) => !SYSTEM_SCHEMAS.has(r.schema) && r.partitionOf === null)
      .map((r) => ({ schema: r.schema, name: r.name, kind: r.kind, columns: r.columns.map((c) => c.name) })),
    functions: catalog.functions
      .filter((f) => !SYSTEM_SCHEMAS.has(f.schema) && f.extension === null && f.kind === 'function')
      .map((f) => ({
        schema: f.schema,
        name: f.name,
        args: f.identityArgs,
        returns: f.returns.text ?? f.returns.type.formatted,
      })),
    requestRoles,
    claims: claims.map((c) => ({ name: c.name, usedBy: [...c.usedBy] })),
    sessionSettings,
    templates: policyTemplates({
      schema: rel.schema,
      table: rel.name,
      columns,
      anonRole: ctx.anon,
      jwtRoles: requestRoles.filter((r) => r !== ctx.anon),
      claims: claims.map((c) => c.name),
      sessionSettings,
      preRequest: pre === null ? null : `${pre.schema}.${pre.name}`,
    }),
  };
}
