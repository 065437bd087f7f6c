import type { PolicyDraft, PolicyTemplate } from '../../shared/contract/rls.js';
import { quoteIdent, quoteLiteral } from '../ddl/quote.js';

export interface TemplateInput {
  readonly schema: string;
  readonly table: string;
  readonly columns: readonly { readonly name: string; readonly type: string }[];
  /** db-anon-role, when set. */
  readonly anonRole: string | null;
  /** Roles a JWT may name (the authenticator's switchable roles), without the anonymous role. */
  readonly jwtRoles: readonly string[];
  readonly claims: readonly string[];
  /** Settings the configured pre-request function sets, and its name when one is configured. */
  readonly sessionSettings: readonly string[];
  readonly preRequest: string | null;
}

const TEXT_TYPES = /^(text|character varying|varchar|character|char|name|citext)\b/;
const OWNER_NAMES = [
  'owner_sub',
  'owner_id',
  'user_id',
  'owner',
  'user_sub',
  'created_by',
  'author_id',
  'sub',
];
const TENANT = /tenant|org|account|team|workspace/i;

/** `text` compared with a column: cast to the column's type unless it is text already. */
const asColumnType = (text: string, type: string) => (TEXT_TYPES.test(type) ? text : `${text}::${type}`);
/**
 * A claim read in a scalar subquery: evaluated once per statement, not once per row (the advisor's
 * policy_per_row_call finding), so a template never writes what the advisor then flags.
 */
export const claimExpression = (claim: string) =>
  `(SELECT current_setting('request.jwt.claims', true)::json->>${quoteLiteral(claim)})`;

/** A policy name from the table's, kept within PostgreSQL's 63 bytes. */
function policyName(table: string, suffix: string): string {
  let base = table;
  while (Buffer.byteLength(`${base}_${suffix}`) > 63) base = base.slice(0, -1);
  return `${base}_${suffix}`;
}

function pick(columns: TemplateInput['columns'], names: readonly string[], fallback: RegExp) {
  for (const n of names) {
    const c = columns.find((x) => x.name === n);
    if (c) return c;
  }
  return columns.find((c) => fallback.test(c.name));
}

/**
 * The common policy shapes filled in for one table from the catalog: the owner column (owner_sub, user_id, … or
 * a column named like one), a tenant column and claim, the request roles, the pre-request function's settings.
 * A column it cannot find is written as `owner_id`/`tenant_id`, which the editor then marks until it is fixed.
 */
export function policyTemplates(input: TemplateInput): PolicyTemplate[] {
  const owner = pick(input.columns, OWNER_NAMES, /owner|user/i) ?? { name: 'owner_id', type: 'text' };
  const tenantColumn = pick(input.columns, ['tenant_id'], TENANT) ?? { name: 'tenant_id', type: 'text' };
  const tenantClaim =
    input.claims.find((c) => c === tenantColumn.name) ??
    input.claims.find((c) => TENANT.test(c)) ??
    'tenant_id';
  const signedIn = [...input.jwtRoles];
  const own = `${quoteIdent(owner.name)} = ${asColumnType(claimExpression('sub'), owner.type)}`;
  const tenant = `${quoteIdent(tenantColumn.name)} = ${asColumnType(claimExpression(tenantClaim), tenantColumn.type)}`;
  const setting =
    input.sessionSettings.find((s) => /user|sub|account/i.test(s)) ??
    input.sessionSettings[0] ??
    'app.user_id';
  const session = `${quoteIdent(owner.name)} = ${asColumnType(`(SELECT current_setting(${quoteLiteral(setting)}, true))`, owner.type)}`;
  const t = input.table;
  const draft = (d: Omit<PolicyDraft, 'permissive'> & { permissive?: boolean }): PolicyDraft => ({
    permissive: true,
    ...d,
  });
  const reader = signedIn[0];
  return [
    {
      id: 'owner',
      label: 'Owner only (by sub)',
      description: `Each signed-in user reads and writes the rows whose ${owner.name} is the token's sub claim.`,
      policies: [
        draft({ name: policyName(t, 'owner'), command: 'ALL', roles: signedIn, using: own, withCheck: own }),
      ],
      companionSql: null,
    },
    {
      id: 'tenant',
      label: `Tenant isolation (${tenantClaim} claim)`,
      description: `Rows of the token's tenant only: ${tenantColumn.name} must equal the ${tenantClaim} claim, for reads and writes.`,
      policies: [
        draft({
          name: policyName(t, 'tenant'),
          command: 'ALL',
          roles: signedIn,
          using: tenant,
          withCheck: tenant,
        }),
      ],
      companionSql: null,
    },
    {
      id: 'role-read',
      label: 'Role-based read',
      description: `${reader ?? 'A role'} reads every row; other roles get nothing from this policy.`,
      policies: [
        draft({
          name: policyName(t, 'role_read'),
          command: 'SELECT',
          roles: reader ? [reader] : [],
          using: 'true',
          withCheck: null,
        }),
      ],
      companionSql: null,
    },
    {
      id: 'public-read',
      label: 'Public read, authenticated write',
      description: `Everyone (${input.anonRole ?? 'anonymous'} included) reads every row; only signed-in users (a token with sub) write.`,
      policies: [
        draft({
          name: policyName(t, 'public_read'),
          command: 'SELECT',
          roles: [],
          using: 'true',
          withCheck: null,
        }),
        draft({
          name: policyName(t, 'authenticated_write'),
          command: 'ALL',
          roles: signedIn,
          using: `${claimExpression('sub')} IS NOT NULL`,
          withCheck: `${claimExpression('sub')} IS NOT NULL`,
        }),
      ],
      companionSql: null,
    },
    {
      id: 'session',
      label: 'Pre-request session (cookie)',
      description:
        input.preRequest !== null && input.sessionSettings.length > 0
          ? `The pre-request function ${input.preRequest} sets ${setting} from the request; rows whose ${owner.name} is that user.`
          : `A pre-request function looks the session cookie up and sets ${setting}; rows whose ${owner.name} is that user. Create the function and set db-pre-request.`,
      policies: [
        draft({
          name: policyName(t, 'session'),
          command: 'ALL',
          roles: [],
          using: session,
          withCheck: session,
        }),
      ],
      companionSql:
        input.preRequest !== null && input.sessionSettings.length > 0
          ? null
          : [
              '-- the pre-request half of the pattern (db-pre-request = "app.session_from_cookie")',
              'CREATE FUNCTION app.session_from_cookie() RETURNS void',
              '  LANGUAGE plpgsql SECURITY DEFINER SET search_path = app, pg_temp AS $$',
              'BEGIN',
              `  PERFORM set_config(${quoteLiteral(setting)}, coalesce((`,
              '    SELECT s.user_id::text FROM app.sessions s',
              "    WHERE s.token = current_setting('request.cookies', true)::json->>'session'",
              "      AND s.expires_at > now()), ''), true);",
              'END $$;',
            ].join('\n'),
    },
  ];
}
