import { decodeJwt, decodeProtectedHeader } from 'jose';
import type pg from 'pg';
import { GatehouseError } from '../../shared/errors.js';
import type { HandlerGroup } from '../app/handler.js';
import type { StudioContext } from '../app/context.js';
import { clientConfig } from '../db/pool.js';
import type { PostgrestConfig } from './config/index.js';
import { defaultStages } from './default-stages.js';
import type { Json } from './errors/index.js';
import { signClaims } from './persona.js';
import { actAsRuns } from './console/runs.js';
import { toContractContext } from './contract-context.js';
import { countAsDeveloper, rowCheck } from './console/row-check.js';
import { afterPreRequest, preRequestProbeParams } from './console/after-pre-request.js';
import { sqlFile } from '../db/sql-files.js';
import type { AfterPreRequest } from '../../shared/contract/act-as.js';
import { actAsRuntime, runSqlAsPersona, simulate, type SimConnection } from './simulator.js';
import { configRefusal } from './versions.js';

/** The PostgREST configuration act-as uses for a connection (PostgREST's defaults until one is set). */
export function configFor(context: StudioContext, connectionId: string): Promise<PostgrestConfig> {
  return context.actAsConfigs.config(connectionId);
}

/**
 * The developer's open connection as act-as sessions need it: same server, database and login, but without the
 * studio's own statement/lock timeouts, which PostgREST's sessions do not have (functions can observe them).
 */
export function connectionFor(context: StudioContext, connectionId: string): SimConnection {
  const target = context.connections.target(connectionId);
  const cfg: pg.ClientConfig = { ...clientConfig(target), application_name: 'gatehouse-act-as' };
  delete cfg.statement_timeout;
  delete cfg.lock_timeout;
  const key = `${poolKeyPrefix(connectionId)}${target.user}@${target.host}:${target.port}/${target.database}`;
  return { developer: { key, config: cfg } };
}

const poolKeyPrefix = (connectionId: string): string => `studio:${connectionId}:`;

/** Ends the act-as sessions of a studio connection (it was closed or deleted): no pool outlives its connection. */
export async function closeActAsSessions(connectionId: string): Promise<void> {
  await actAsRuntime.pools.closeWhere((key) => key.startsWith(poolKeyPrefix(connectionId)));
}

/** What the studio shows of a config: the effective values, passwords masked. */
export function effectiveConfig(c: PostgrestConfig): Record<string, Json> {
  let dbUri = c.dbUri;
  try {
    const u = new URL(c.dbUri);
    if (u.password) u.password = '***';
    dbUri = u.toString();
  } catch {
    // not a URI: shown as written
  }
  return {
    'db-uri': dbUri,
    'db-schemas': c.dbSchemas,
    'db-anon-role': c.dbAnonRole,
    'db-pre-request': c.dbPreRequest
      ? [c.dbPreRequest.schema, c.dbPreRequest.name].filter(Boolean).join('.')
      : null,
    'db-extra-search-path': c.dbExtraSearchPath,
    'db-max-rows': c.dbMaxRows,
    'db-tx-end': c.dbTxEnd,
    'db-aggregates-enabled': c.dbAggregatesEnabled,
    'jwt-secret': c.jwtSecret === null ? null : '(set)',
    'jwt-aud': c.jwtAud,
    'jwt-role-claim-key': c.jwtRoleClaimKey.source,
    'client-error-verbosity': c.clientErrorVerbosity,
    'app.settings': c.appSettings,
  };
}

export const errorOf = (e: { status: number; code: string; message: string; details: Json; hint: Json }) => ({
  status: e.status,
  code: e.code,
  message: e.message,
  details: e.details,
  hint: e.hint,
});

export const actAsHandlers: HandlerGroup<'actAs'> = {
  'actAs.request': async (input, context) => {
    const config = await configFor(context, input.connectionId);
    const r = await actAsRuns.track(input.connectionId, input.runId, (onBackend) =>
      simulate({
        request: {
          method: input.method,
          target: input.path,
          headers: input.headers ?? [],
          body: input.body ?? null,
        },
        persona: input.persona,
        config,
        connection: connectionFor(context, input.connectionId),
        txEnd: input.commit ? 'postgrest' : 'rollback',
        stages: defaultStages,
        pools: actAsRuntime.pools,
        schemaCaches: actAsRuntime.schemaCaches,
        // The studio's model of this connection: the schema cache is derived from it, not read again.
        model: () => context.models.get(input.connectionId),
        ...(onBackend ? { onBackend } : {}),
      }),
    );
    const c = r.context;
    // Studio only: the session as db-pre-request left it, read in a rolled-back run of the same session.
    let after: AfterPreRequest | null = null;
    if (c?.preRequest) {
      const read = await runSqlAsPersona({
        sql: sqlFile('act-as/console/after-pre-request.sql'),
        params: preRequestProbeParams(c),
        request: c,
        persona: input.persona,
        config,
        connection: connectionFor(context, input.connectionId),
        commit: false,
        stages: defaultStages,
        pools: actAsRuntime.pools,
      }).catch(() => null);
      const row = read?.result.ok ? read.result.value[0]?.rows[0] : undefined;
      if (row && typeof row[0] === 'string' && typeof row[1] === 'string')
        after = afterPreRequest(c, { role: row[0], settings: JSON.parse(row[1]) as Record<string, string> });
    }
    // Studio only: the rows RLS hid from the persona, counted after the request rolled back.
    const check = await rowCheck({
      plan: r.plan,
      // A pre-request may have switched the role (a cookie session): the rows are hidden from that one.
      role: after?.role ?? c?.role ?? null,
      searchPath: c?.searchPath ?? [],
      affected: r.affected,
      status: r.response.status,
      committed: r.committed,
      countAsDeveloper: (q) =>
        context.connections.withClient(input.connectionId, (client) =>
          countAsDeveloper(client, q, c?.searchPath ?? []),
        ),
      countAsPersona: async (q) => {
        if (c === null) return null;
        const counted = await runSqlAsPersona({
          sql: q.sql,
          params: q.params,
          request: c,
          persona: input.persona,
          config,
          connection: connectionFor(context, input.connectionId),
          commit: false,
          stages: defaultStages,
          pools: actAsRuntime.pools,
        });
        const n = counted.result.ok ? counted.result.value[0]?.rows[0]?.[0] : null;
        return n === null || n === undefined ? null : Number(n);
      },
    }).catch(() => null);
    return {
      response: { ...r.response, headers: r.response.headers.map(([k, v]) => [k, v] as [string, string]) },
      sql: r.sql.map((s) => ({ sql: s.sql, params: [...s.params], ms: s.ms })),
      context: toContractContext(r.context, after),
      rowCheck: check,
      committed: r.committed,
      postgrestVersion: config.postgrestVersion,
      timing: r.timing,
    };
  },
  'actAs.sql': async (input, context) => {
    const config = await configFor(context, input.connectionId);
    const r = await actAsRuns.track(input.connectionId, input.runId, (onBackend) =>
      runSqlAsPersona({
        sql: input.sql,
        persona: input.persona,
        config,
        connection: connectionFor(context, input.connectionId),
        commit: input.commit ?? false,
        stages: defaultStages,
        pools: actAsRuntime.pools,
        ...(onBackend ? { onBackend } : {}),
      }),
    );
    const c = r.context;
    return {
      results: r.result.ok
        ? r.result.value.map((x) => ({ ...x, columns: [...x.columns], rows: x.rows.map((row) => [...row]) }))
        : null,
      error: r.result.ok ? null : errorOf(r.result.error),
      sql: r.sql.map((s) => ({ sql: s.sql, params: [...s.params], ms: s.ms })),
      context: toContractContext(c),
      committed: r.committed,
      ms: r.ms,
    };
  },
  'actAs.config.get': async (input, context) => {
    const stored = await context.actAsConfigs.entry(input.connectionId);
    const config = await configFor(context, input.connectionId);
    return {
      text: stored?.text ?? '',
      effective: effectiveConfig(config),
      // What the chosen major would not start with (a short secret from 13, pg_catalog exposed from 16 …).
      problem: configRefusal(config),
      postgrestVersion: await context.actAsConfigs.version(input.connectionId),
    };
  },
  'actAs.config.set': async (input, context) => {
    // Invalid text is refused with the loader's GH401 (line and hint), and the previous config stays.
    // The schema cache is derived per (model, db-schemas, db-extra-search-path): a new config needs no reread.
    const config = await context.actAsConfigs.set(input.connectionId, input.text);
    if (input.postgrestVersion !== undefined)
      await context.actAsConfigs.setVersion(input.connectionId, input.postgrestVersion);
    return { effective: effectiveConfig(config) };
  },
  'actAs.reload': async ({ connectionId }, context) => {
    // PostgREST's schema reload: the connection's model is read anew (the schema cache is derived from it);
    // role settings are kept per login, so every pool forgets them (cheap and never wrong).
    await context.models.refresh(connectionId);
    actAsRuntime.schemaCaches.reload();
    for (const pool of actAsRuntime.pools.all()) pool.reload();
    return { reloaded: true };
  },
  'actAs.mintJwt': async (input, context) => {
    let secret: Uint8Array | null =
      input.secret === undefined ? null : new TextEncoder().encode(input.secret);
    if (secret === null && input.connectionId !== undefined) {
      const keys = (await configFor(context, input.connectionId)).jwtKeys;
      secret = keys?.type === 'secret' ? keys.secret : null;
    }
    if (secret === null)
      throw new GatehouseError('GH500', 'No HS256 secret to sign with.', {
        hint: "Give a secret, or set jwt-secret in the connection's PostgREST config.",
      });
    const claims: Record<string, Json> = { ...input.claims };
    if (input.expiresInSeconds !== undefined)
      claims.exp = Math.floor(Date.now() / 1000) + input.expiresInSeconds;
    return { token: await signClaims(claims, secret) };
  },
  'actAs.decodeJwt': async (input, context) => {
    let header: Record<string, Json> | null = null;
    let claims: Record<string, Json> | null = null;
    try {
      header = decodeProtectedHeader(input.token) as Record<string, Json>;
      claims = decodeJwt(input.token) as Record<string, Json>;
    } catch {
      // not decodable: the verification below reports PostgREST's error
    }
    if (input.connectionId === undefined) return { header, claims, valid: null, role: null, error: null };
    const r = await defaultStages.authenticate(
      await configFor(context, input.connectionId),
      `Bearer ${input.token}`,
    );
    return r.ok
      ? { header, claims, valid: true, role: r.value.role, error: null }
      : {
          header,
          claims,
          valid: false,
          role: null,
          error: {
            code: r.error.code,
            message: r.error.message,
            details: r.error.details,
            hint: r.error.hint,
          },
        };
  },
};
