import type { Finding } from '../../shared/contract/advisor.js';
import type { FunctionInfo } from '../../shared/model/catalog.js';
import {
  refs,
  revokeDefaultPrivileges,
  revokePrivileges,
  setRoutineSecurity,
  setRoutineSetting,
} from '../ddl/index.js';
import type { AdvisorContext } from './context.js';
import { fingerprint, makeFinding } from './finding.js';
import { functionFingerprint } from './fingerprints.js';
import { FINDINGS } from './registry.js';
import { links } from './links.js';

const sig = (f: FunctionInfo) => `${f.schema}.${f.name}(${f.identityArgs})`;
const fnRef = (f: FunctionInfo) => refs.function(f.schema, f.name, f.identityArgs);

/** The search_path a fix pins: nothing user-writable, pg_temp explicitly last (else it is searched first). */
export const PINNED_SEARCH_PATH = 'pg_catalog, pg_temp';

function publicExecute(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  for (const f of ctx.exposedFunctions) {
    const grant = ctx
      .grantsOn(fnRef(f))
      .find((g) => g.grantee.kind === 'public' && g.privilege === 'EXECUTE');
    if (!grant) continue;
    out.push(
      makeFinding(FINDINGS.function_public_execute, {
        object: `function ${sig(f)}`,
        objects: [fnRef(f)],
        message: `function ${sig(f)} is executable by PUBLIC${grant.implicit ? ' (the default)' : ''}: /rpc/${f.name} answers every role`,
        fingerprint: () => functionFingerprint(ctx, f),
        fix: {
          summary: `Revoke EXECUTE on ${sig(f)} from PUBLIC`,
          statements: [
            revokePrivileges({ object: fnRef(f), privileges: ['EXECUTE'], grantees: [{ kind: 'public' }] }),
          ],
        },
        fixNote: 'Grant EXECUTE to the request roles that should call it.',
        link: links.grant(fnRef(f), 'PUBLIC'),
      }),
    );
  }
  return out;
}

/**
 * The roles that create the API's functions (owners of the exposed schemas and of their functions): PostgreSQL
 * gives PUBLIC EXECUTE on their future functions unless a global default-privileges entry for functions leaves
 * PUBLIC out, or an entry for an exposed schema puts it back.
 */
function defaultExecute(ctx: AdvisorContext): Finding[] {
  const creators = new Set<string>();
  for (const s of ctx.catalog.schemas) if (ctx.isExposed(s.name)) creators.add(s.owner);
  for (const f of ctx.exposedFunctions) creators.add(f.owner);
  const out: Finding[] = [];
  for (const role of [...creators].sort()) {
    const entries = ctx.catalog.defaultPrivileges.filter(
      (d) => d.role === role && d.objectType === 'functions',
    );
    const global = entries.find((d) => d.schema === null);
    const publicHere = (d: (typeof entries)[number]) =>
      d.grants.some((g) => g.grantee.kind === 'public' && g.privilege === 'EXECUTE');
    const globalPublic = global === undefined || publicHere(global);
    const schemaPublic = entries.filter((d) => d.schema !== null && ctx.isExposed(d.schema) && publicHere(d));
    if (!globalPublic && schemaPublic.length === 0) continue;
    const statements = [
      ...(globalPublic
        ? [
            revokeDefaultPrivileges({
              forRole: role,
              objectType: 'functions',
              privileges: ['EXECUTE'],
              grantees: [{ kind: 'public' }],
            }),
          ]
        : []),
      ...schemaPublic.map((d) =>
        revokeDefaultPrivileges({
          forRole: role,
          inSchema: d.schema,
          objectType: 'functions',
          privileges: ['EXECUTE'],
          grantees: [{ kind: 'public' }],
        }),
      ),
    ];
    const where = [
      globalPublic ? 'everywhere' : '',
      ...schemaPublic.map((d) => `in ${d.schema ?? ''}`),
    ].filter(Boolean);
    out.push(
      makeFinding(FINDINGS.default_execute_public, {
        object: `role ${role}`,
        objects: [refs.role(role)],
        message: `functions ${role} creates ${where.join(', ')} will be executable by PUBLIC (default privileges)`,
        fingerprint: () => fingerprint(entries),
        fix: { summary: `Revoke default EXECUTE from PUBLIC for ${role}`, statements },
        link: links.defaults(role),
      }),
    );
  }
  return out;
}

function definers(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  for (const f of ctx.exposedFunctions) {
    if (!f.securityDefiner) continue;
    out.push(
      makeFinding(FINDINGS.security_definer_exposed, {
        object: `function ${sig(f)}`,
        objects: [fnRef(f), refs.role(f.owner)],
        message: `function ${sig(f)} is SECURITY DEFINER (runs as ${f.owner}) and exposed as /rpc/${f.name}`,
        fingerprint: () => functionFingerprint(ctx, f),
        fix: {
          summary: `Make ${sig(f)} SECURITY INVOKER`,
          statements: [setRoutineSecurity(f, false)],
        },
        fixNote:
          'If it must run as its owner, move it to an unexposed schema and call it from an invoker function.',
        link: links.explorer(fnRef(f), 'ddl'),
      }),
    );
  }
  for (const f of ctx.catalog.functions) {
    if (!f.securityDefiner || f.extension !== null) continue;
    if (f.config.some((s) => s.name.toLowerCase() === 'search_path')) continue;
    out.push(
      makeFinding(FINDINGS.security_definer_search_path, {
        object: `function ${sig(f)}`,
        objects: [fnRef(f)],
        message: `SECURITY DEFINER function ${sig(f)} has no fixed search_path`,
        fingerprint: () => functionFingerprint(ctx, f),
        fix: {
          summary: `Pin search_path on ${sig(f)}`,
          statements: [setRoutineSetting(f, 'search_path', PINNED_SEARCH_PATH)],
        },
        fixNote: 'Qualify the names the body uses (schema.table) so that it still finds them.',
        link: links.explorer(fnRef(f), 'ddl'),
      }),
    );
  }
  return out;
}

/** PUBLIC EXECUTE (now and by default), SECURITY DEFINER endpoints and definers without a pinned search_path. */
export function functionFindings(ctx: AdvisorContext): Finding[] {
  return [...publicExecute(ctx), ...defaultExecute(ctx), ...definers(ctx)];
}
