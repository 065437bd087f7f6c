import type { Catalog, ObjectRef, Policy } from '../../shared/model/catalog.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import { roleRules } from '../../shared/model/role-closure.js';

function holdsRole(catalog: Catalog, role: string, target: string): boolean {
  return (
    role === target ||
    (catalogIndex(catalog).role(role) !== undefined && roleRules(catalog).hasRole(role, target, 'USAGE'))
  );
}

const STATUS: Record<number, string> = {
  200: 'OK — the rows the persona may see',
  201: 'Created — the write went through',
  204: 'No Content — done, nothing to return (return=minimal)',
  206: 'Partial Content — a page of a larger result (Range / limit)',
  300: 'Multiple Choices — several functions match the arguments',
  400: 'Bad Request — the request itself is malformed or names unknown columns',
  401: 'Unauthorized — no valid JWT for what was asked (anonymous or bad token)',
  403: 'Forbidden — the role has no privilege, or a policy refused the row',
  404: 'Not Found — no such relation/function in the exposed schemas',
  405: 'Method Not Allowed — this method does not apply to this resource',
  406: 'Not Acceptable — the requested media type or singular object is not available',
  409: 'Conflict — a unique or foreign key constraint failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type — the body type is not understood',
  416: 'Range Not Satisfiable — the requested rows are past the end',
  500: 'Internal Server Error — the database raised an unexpected error',
  503: 'Service Unavailable — the database could not be reached',
};

/** The status line with what it means in PostgREST's terms. */
export function statusMeaning(status: number): string {
  return (
    STATUS[status] ??
    (status >= 500 ? 'Server error' : status >= 400 ? 'Client error' : status >= 300 ? 'Redirect' : 'Success')
  );
}

export interface PgrstErrorBody {
  readonly code: string;
  readonly message: string;
  readonly details: unknown;
  readonly hint: unknown;
}

export interface ErrorExplanation {
  readonly plain: string;
  /** The object that caused it and the explorer tab to open. */
  readonly link: { readonly ref: ObjectRef; readonly tab: string; readonly label: string } | null;
  /** Policies involved (policy rejections), for showing their expressions inline. */
  readonly policies: readonly Policy[];
}

/** A PostgREST error body, if the response is one. */
export function asPgrstError(body: string): PgrstErrorBody | null {
  try {
    const v: unknown = JSON.parse(body);
    if (v && typeof v === 'object' && !Array.isArray(v) && 'code' in v && 'message' in v) {
      const o = v as Record<string, unknown>;
      return {
        code: String(o.code),
        message: String(o.message),
        details: o.details ?? null,
        hint: o.hint ?? null,
      };
    }
  } catch {
    // not JSON
  }
  return null;
}

function findRelation(catalog: Catalog | null, name: string, schemas: readonly string[]) {
  if (!catalog) return null;
  const index = catalogIndex(catalog);
  const dot = name.indexOf('.');
  if (dot > 0) return index.relation(name.slice(0, dot), name.slice(dot + 1)) ?? null;
  for (const s of [...schemas, ...catalog.schemas.map((x) => x.name)]) {
    const r = index.relation(s, name);
    if (r) return r;
  }
  return null;
}

/**
 * A plain-language reading of a PostgREST error, and the object to look at: a missing grant opens the table's
 * grants tab, a policy rejection its policies tab, an unknown function the function.
 */
export function explainError(
  e: PgrstErrorBody,
  ctx: { catalog: Catalog | null; schemas: readonly string[]; role: string | null; method: string },
): ErrorExplanation {
  const none = (plain: string): ErrorExplanation => ({ plain, link: null, policies: [] });
  const role = ctx.role ? `"${ctx.role}"` : 'the request role';
  const rls = /new row violates row-level security policy (?:"([^"]+)" )?for table "([^"]+)"/.exec(e.message);
  if (rls) {
    const table = rls[2]!;
    const r = findRelation(ctx.catalog, table, ctx.schemas);
    const cmd = ctx.method === 'PATCH' ? 'UPDATE' : 'INSERT';
    const policies =
      r && ctx.catalog
        ? catalogIndex(ctx.catalog)
            .policies(r.schema, r.name)
            .filter(
              (p) =>
                (p.command === 'ALL' || p.command === cmd) &&
                // A policy applies to the roles whose privileges the request role has (policy.c).
                p.roles.some(
                  (x) =>
                    x.kind === 'public' || (ctx.role !== null && holdsRole(ctx.catalog!, ctx.role, x.name)),
                ),
            )
        : [];
    return {
      plain:
        `Row-level security refused the new row: no ${cmd} policy on ${table} for ${role} accepts it — the WITH CHECK ` +
        `(or USING) expression of every permissive policy was false for this row, or no policy applies. ` +
        `Compare the row you sent with the expressions below.`,
      link: r
        ? {
            ref: { kind: 'relation', schema: r.schema, name: r.name },
            tab: 'policies',
            label: `Policies of ${r.schema}.${r.name}`,
          }
        : null,
      policies,
    };
  }
  const perm =
    /permission denied for (table|view|relation|materialized view|sequence|schema|function|column) "?([^"\s]+)"?/.exec(
      e.message,
    );
  if (perm) {
    const kind = perm[1]!;
    const name = perm[2]!;
    if (kind === 'schema')
      return {
        plain: `${role} lacks USAGE on schema ${name}: nothing inside it is reachable until it is granted (GRANT USAGE ON SCHEMA ${name} TO …).`,
        link: {
          ref: { kind: 'schema', schema: null, name },
          tab: 'grants',
          label: `Grants of schema ${name}`,
        },
        policies: [],
      };
    if (kind === 'function') {
      const index = ctx.catalog ? catalogIndex(ctx.catalog) : null;
      const f = ctx.schemas.map((schema) => index?.functions(schema, name)[0]).find((x) => x !== undefined);
      return {
        plain: `${role} may not EXECUTE ${name}: functions need an explicit GRANT EXECUTE when PUBLIC's default was revoked.`,
        link: f
          ? {
              ref: { kind: 'function', schema: f.schema, name: f.name, args: f.identityArgs },
              tab: 'grants',
              label: `Grants of ${f.schema}.${f.name}`,
            }
          : null,
        policies: [],
      };
    }
    const r = findRelation(ctx.catalog, name, ctx.schemas);
    const priv =
      {
        GET: 'SELECT',
        HEAD: 'SELECT',
        POST: 'INSERT',
        PATCH: 'UPDATE',
        PUT: 'INSERT and UPDATE',
        DELETE: 'DELETE',
      }[ctx.method] ?? 'the needed';
    return {
      plain:
        `${role} has no ${priv} privilege on ${kind} ${name} (a missing GRANT, not a policy). PostgREST answers 401 for ` +
        `the anonymous role and 403 for an authenticated one.`,
      link: r
        ? {
            ref: { kind: 'relation', schema: r.schema, name: r.name },
            tab: 'grants',
            label: `Grants of ${r.schema}.${r.name}`,
          }
        : null,
      policies: [],
    };
  }
  const byCode: Record<string, string> = {
    PGRST100: 'The query string could not be parsed: look at the part named in "details".',
    PGRST102: 'The body is not valid JSON (or not what the Content-Type says).',
    PGRST103: 'The requested range is not satisfiable.',
    PGRST106: 'The schema asked for (Accept-Profile/Content-Profile) is not in db-schemas.',
    PGRST116: 'A singular response (Accept: application/vnd.pgrst.object+json) needs exactly one row.',
    PGRST200:
      'PostgREST found no foreign key between these relations in its schema cache, so it cannot embed.',
    PGRST201:
      'More than one relationship links these relations: add a !hint (a constraint or column name) to pick one.',
    PGRST202:
      'No function with this name and these argument names in the exposed schemas (or no EXECUTE for the role and the cache).',
    PGRST203: 'Several overloaded functions match: PostgREST cannot choose one.',
    PGRST204: 'A column in "columns" or the body is not in the table.',
    PGRST205: 'No such table or view in the exposed schemas (db-schemas).',
    PGRST300: 'The configured JWT secret is missing or unusable.',
    PGRST301: 'The token could not be decoded or its signature does not match jwt-secret.',
    PGRST302: 'The request has no token and there is no anonymous role (db-anon-role), so it is refused.',
    PGRST303:
      "The token's claims are not acceptable: expired, not yet valid, or the audience does not match.",
    '23505': 'A unique constraint refused a duplicate value.',
    '23503': 'A foreign key refused the value: the referenced row does not exist (or is not visible).',
    '23502': 'A NOT NULL column got no value.',
    '23514': 'A CHECK constraint refused the row.',
    '42703': 'A column named in the request does not exist.',
    '42883': 'An operator or function does not exist for these types.',
    '42P01': 'The relation does not exist (for the search_path in use).',
    '57014': 'The statement was cancelled (statement_timeout or a cancel).',
    '28P01': 'The authenticator could not log in (password).',
    '22P02': 'A value could not be converted to the column type.',
    P0001: 'A function raised this error on purpose (RAISE EXCEPTION).',
  };
  if (e.code.startsWith('PGRST3') && /role/i.test(e.message))
    return none(
      `The role named in the token cannot be used: it does not exist, or the authenticator is not a member of it.`,
    );
  const plain =
    byCode[e.code] ??
    (e.code.startsWith('PT')
      ? 'A function chose this HTTP status with a PTxxx SQLSTATE.'
      : 'PostgreSQL raised this error while running the request.');
  if (e.code === '23514' || e.code === '23505' || e.code === '23503' || e.code === '23502') {
    const t = /relation "([^"]+)"|table "([^"]+)"/.exec(e.message);
    const r = t ? findRelation(ctx.catalog, t[1] ?? t[2]!, ctx.schemas) : null;
    return {
      plain,
      link: r
        ? {
            ref: { kind: 'relation', schema: r.schema, name: r.name },
            tab: 'constraints',
            label: `Constraints of ${r.schema}.${r.name}`,
          }
        : null,
      policies: [],
    };
  }
  return none(plain);
}
