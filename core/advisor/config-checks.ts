import type { Finding } from '../../shared/contract/advisor.js';
import { grantPrivileges, refs } from '../ddl/index.js';
import { functionKey } from './access.js';
import type { AdvisorContext } from './context.js';
import { fingerprint, makeFinding, someNames } from './finding.js';
import { FINDINGS } from './registry.js';
import { links } from './links.js';

const configRef = (key: string) => ({ kind: 'database' as const, schema: null, name: key });
const configLink = links.config;

function schemaUsage(ctx: AdvisorContext): Finding[] {
  const out: Finding[] = [];
  const roles = ctx.requestRoles.filter((r) => r.exists);
  for (const schema of ctx.config.dbSchemas) {
    const info = ctx.catalog.schemas.find((s) => s.name === schema);
    if (!info) {
      out.push(
        makeFinding(FINDINGS.schema_without_usage, {
          object: `schema ${schema}`,
          objects: [refs.schema(schema)],
          message: `db-schemas names ${schema}, which does not exist: PostgREST fails its schema cache load`,
          fingerprint: () => fingerprint(schema, null),
          fix: null,
          fixNote: `Create the schema or take it out of db-schemas.`,
          link: configLink('db-schemas'),
        }),
      );
      continue;
    }
    const without = roles.filter((r) => !ctx.access.schemaUsage(r.name, schema)).map((r) => r.name);
    if (without.length === 0) continue;
    out.push(
      makeFinding(FINDINGS.schema_without_usage, {
        object: `schema ${schema}`,
        objects: [refs.schema(schema)],
        roles: without,
        message: `${someNames(without)} lack${without.length === 1 ? 's' : ''} USAGE on exposed schema ${schema}: their requests to it fail`,
        fingerprint: () => fingerprint(info, ctx.grantsOn(refs.schema(schema)), without),
        fix: {
          summary: `Grant USAGE on ${schema} to ${someNames(without)}`,
          statements: [
            grantPrivileges({
              object: refs.schema(schema),
              privileges: ['USAGE'],
              grantees: without.map((name) => ({ kind: 'role' as const, name })),
            }),
          ],
        },
        link: links.grant(refs.schema(schema), without[0]!),
      }),
    );
  }
  return out;
}

/** db-pre-request: unqualified names resolve through the exposed schemas' search path, as PostgREST calls it. */
function preRequest(ctx: AdvisorContext): Finding[] {
  const pre = ctx.config.dbPreRequest;
  if (pre === null) return [];
  const written = pre.schema === '' ? pre.name : `${pre.schema}.${pre.name}`;
  const schemas =
    pre.schema === '' ? [...ctx.config.dbSchemas.slice(0, 1), ...ctx.config.dbExtraSearchPath] : [pre.schema];
  const candidates = schemas.flatMap((s) =>
    ctx.catalog.functions.filter(
      (f) => f.schema === s && f.name === pre.name && f.args.every((a) => a.mode === 'out' || a.hasDefault),
    ),
  );
  const fn = candidates[0];
  const object = `config db-pre-request`;
  if (fn === undefined)
    return [
      makeFinding(FINDINGS.pre_request_unusable, {
        object,
        objects: [configRef('db-pre-request')],
        message: `db-pre-request ${written} is not a function without arguments in ${schemas.join(', ')}: every request fails`,
        fingerprint: () => fingerprint(written, null),
        fix: null,
        fixNote: 'Create the function (no arguments) or correct db-pre-request.',
        link: configLink('db-pre-request'),
      }),
    ];
  const ref = refs.function(fn.schema, fn.name, fn.identityArgs);
  const key = functionKey(fn.schema, fn.name, fn.identityArgs);
  const denied = ctx.requestRoles
    .filter(
      (r) =>
        r.exists && (!ctx.access.functions(r.name).has(key) || !ctx.access.schemaUsage(r.name, fn.schema)),
    )
    .map((r) => r.name);
  if (denied.length === 0) return [];
  const executeOnly = denied.filter((r) => !ctx.access.functions(r).has(key));
  return [
    makeFinding(FINDINGS.pre_request_unusable, {
      object,
      objects: [configRef('db-pre-request'), ref],
      roles: denied,
      message: `db-pre-request ${fn.schema}.${fn.name}() cannot be run by ${someNames(denied)}: their requests fail`,
      fingerprint: () => fingerprint(written, ctx.grantsOn(ref), denied),
      fix:
        executeOnly.length > 0
          ? {
              summary: `Grant EXECUTE on ${fn.schema}.${fn.name}() to ${someNames(executeOnly)}`,
              statements: [
                grantPrivileges({
                  object: ref,
                  privileges: ['EXECUTE'],
                  grantees: executeOnly.map((name) => ({ kind: 'role' as const, name })),
                }),
              ],
            }
          : null,
      fixNote: denied.length > executeOnly.length ? `Grant USAGE on schema ${fn.schema} as well.` : null,
      link: links.grant(ref, denied[0]!),
    }),
  ];
}

function refusedSettings(ctx: AdvisorContext): Finding[] {
  return ctx.advisorConfig.problems.map((p) =>
    p.kind === 'jwt_secret_short'
      ? makeFinding(FINDINGS.jwt_secret_short, {
          object: 'config jwt-secret',
          objects: [configRef('jwt-secret')],
          message: `jwt-secret (${p.where}) is ${p.detail} long; PostgREST needs at least 32`,
          // the length only: a hash of the secret itself would end up in a committed file
          fingerprint: () => fingerprint('jwt-secret', p.detail),
          fix: null,
          fixNote:
            'Generate one, e.g. `openssl rand -base64 32`, and set it in postgrest.conf and wherever tokens are signed.',
          link: configLink('jwt-secret'),
        })
      : makeFinding(FINDINGS.system_schema_exposed, {
          object: 'config db-schemas',
          objects: [configRef('db-schemas')],
          message: `db-schemas (${p.where}) exposes ${p.detail}`,
          fingerprint: () => fingerprint('db-schemas', p.detail),
          fix: null,
          fixNote: `Remove ${p.detail} from db-schemas.`,
          link: configLink('db-schemas'),
        }),
  );
}

/** What PostgREST would trip on at runtime: schemas, the pre-request function, refused settings. */
export function configFindings(ctx: AdvisorContext): Finding[] {
  return [...refusedSettings(ctx), ...schemaUsage(ctx), ...preRequest(ctx)];
}
