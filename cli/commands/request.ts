import { STATUS_CODES } from 'node:http';
import { GatehouseError } from '../../shared/errors.js';
import type { Json } from '../../core/act-as/errors/index.js';
import { defaultStages } from '../../core/act-as/default-stages.js';
import { actAsRuntime, simulate, type Persona, type SimulateResult } from '../../core/act-as/simulator.js';
import { loadPostgrestConfig } from '../../core/act-as/config/index.js';
import { POSTGREST_VERSION_OPTIONS, postgrestVersionFrom } from '../postgrest-version-option.js';
import { parseCommandArgs, required, UsageError } from '../args.js';
import type { Command } from '../command.js';
import { assumedConfigNotice } from './config-notice.js';

const usage = `Usage: gatehouse request 'METHOD /path?query' --db URI --config postgrest.conf (--jwt TOKEN | --claims JSON | --anon)
                         [-H 'Name: value']… [--data JSON] [--commit] [--sql] [--postgrest-version 12|13|14|16]

Answers the request exactly as PostgREST would, against the database of --db, as the persona given. The request
runs in PostgREST's transaction and is ROLLED BACK unless --commit (then db-tx-end and Prefer: tx decide, as in
PostgREST). Prints the status line, the headers and the body; --sql first prints the session and every statement
that ran, with parameters. --postgrest-version answers as that PostgREST major (default 16).

  --db URI        the database, as the role that owns the API objects (PG* variables and ~/.pgpass apply)
  --config FILE   your postgrest.conf (PGRST_* variables override it); without it PostgREST's defaults apply
  --jwt TOKEN     the Authorization bearer token      --claims JSON  claims, signed with the config's secret
  --anon          no Authorization header (db-anon-role)
  -H 'Name: v'    a request header (repeatable)         --data JSON    the request body
  --commit        keep the changes (db-tx-end and Prefer: tx decide, as in PostgREST)
  --sql           print the session context and every statement first
  --fail          exit 1 when the answer is an HTTP error (4xx/5xx), as curl --fail; otherwise the exit
                  status is 0 whenever PostgREST's answer was produced, whatever its status

Example:
  gatehouse request 'GET /orders?select=id,status' --db postgresql://developer@localhost/app \
    --config postgrest.conf --claims '{"role":"app_user","sub":"alice"}'`;

function parsePersona(values: {
  jwt?: string | undefined;
  claims?: string | undefined;
  anon?: boolean | undefined;
}): Persona {
  const given = [values.jwt !== undefined, values.claims !== undefined, values.anon === true].filter(
    Boolean,
  ).length;
  if (given !== 1)
    throw new UsageError(
      `say who the request runs as: exactly one of --jwt, --claims or --anon (e.g. --claims '{"role":"web_user","sub":"42"}').`,
    );
  if (values.jwt !== undefined) return { type: 'jwt', token: values.jwt };
  if (values.claims !== undefined) {
    let claims: unknown;
    try {
      claims = JSON.parse(values.claims);
    } catch (e) {
      throw new GatehouseError('GH501', `--claims is not JSON: ${(e as Error).message}`, {
        hint: `Quote the object: --claims '{"role":"web_user"}'`,
      });
    }
    if (claims === null || typeof claims !== 'object' || Array.isArray(claims))
      throw new GatehouseError('GH501', '--claims must be a JSON object.', {
        hint: `e.g. --claims '{"role":"web_user"}'`,
      });
    return { type: 'claims', claims: claims as Record<string, Json> };
  }
  return { type: 'anon' };
}

/** Splits `METHOD /path` (the method defaults to GET). */
export function parseRequestLine(line: string): { method: string; target: string } {
  const m = /^\s*(?:([A-Za-z]+)\s+)?(\/\S*)\s*$/.exec(line);
  if (!m?.[2])
    throw new GatehouseError('GH501', `Not a request line: ${JSON.stringify(line)}`, {
      hint: "Write it as 'GET /table?select=col' (quoted).",
    });
  return { method: (m[1] ?? 'GET').toUpperCase(), target: m[2] };
}

function parseHeader(h: string): [string, string] {
  const i = h.indexOf(':');
  if (i <= 0)
    throw new GatehouseError('GH501', `Not a header: ${JSON.stringify(h)}`, {
      hint: "Use -H 'Name: value'.",
    });
  return [h.slice(0, i).trim(), h.slice(i + 1).trim()];
}

/** The status line, headers and body as curl -i would show them. */
export function formatResponse(r: SimulateResult): string {
  const res = r.response;
  const reason = res.statusText ?? STATUS_CODES[res.status] ?? '';
  const lines = [
    `HTTP/1.1 ${res.status} ${reason}`.trimEnd(),
    ...res.headers.map(([k, v]) => `${k}: ${v}`),
    '',
  ];
  return lines.join('\n') + '\n' + res.body + (res.body.endsWith('\n') || res.body === '' ? '' : '\n');
}

/** The session and the statements that ran, for --sql. */
export function formatSql(r: SimulateResult): string {
  const out: string[] = [];
  if (r.context) {
    const c = r.context;
    out.push(`-- role: ${c.role}`, `-- request.jwt.claims: ${JSON.stringify({ ...c.claims, role: c.role })}`);
    out.push(`-- search_path: ${c.searchPath.join(', ')}`);
    for (const [k, v] of c.roleSettings) out.push(`-- role setting ${k} = ${v}`);
    for (const [k, v] of c.functionSettings) out.push(`-- function setting ${k} = ${v}`);
    out.push(`-- isolation: ${c.isolationLevel}${c.readOnly ? ', read only' : ''}`);
  }
  for (const s of r.sql) {
    out.push(`${s.sql};`);
    if (s.params.length)
      out.push(`-- params: ${s.params.map((p, i) => `$${i + 1}=${JSON.stringify(p)}`).join(' ')}`);
  }
  out.push(`-- ${r.committed ? 'committed' : 'rolled back'}; ${r.timing.totalMs.toFixed(1)} ms`);
  return out.join('\n') + '\n\n';
}

export const requestCommand: Command = {
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      {
        db: { type: 'string' },
        config: { type: 'string' },
        jwt: { type: 'string' },
        claims: { type: 'string' },
        anon: { type: 'boolean' },
        header: { type: 'string', short: 'H', multiple: true },
        data: { type: 'string', short: 'd' },
        commit: { type: 'boolean' },
        sql: { type: 'boolean' },
        ...POSTGREST_VERSION_OPTIONS,
        fail: { type: 'boolean' },
      },
      true,
    );
    if (positionals.length !== 1)
      throw new UsageError(
        positionals.length === 0
          ? "the request is missing: give it as 'GET /table?select=col' (quoted)."
          : `give exactly one request line, quoted; got ${positionals.length} words: ${positionals.join(' ')}`,
      );
    const db = required(values.db, '--db', '--db postgresql://developer@localhost/app');
    const { method, target } = parseRequestLine(positionals[0] ?? '');
    const persona = parsePersona(values);
    const config = loadPostgrestConfig({
      file: values.config ?? null,
      env: io.env,
      postgrestVersion: postgrestVersionFrom(values),
    });
    if (values.config === undefined) io.stderr(assumedConfigNotice(config, 'request'));
    const headers = (values.header ?? []).map(parseHeader);
    if (values.data !== undefined && !headers.some(([k]) => k.toLowerCase() === 'content-type'))
      headers.push(['Content-Type', 'application/json']);
    try {
      const r = await simulate({
        request: { method, target, headers, body: values.data ?? null },
        persona,
        config,
        connection: { developerUri: db },
        txEnd: values.commit ? 'postgrest' : 'rollback',
        stages: defaultStages,
      });
      io.stdout((values.sql ? formatSql(r) : '') + formatResponse(r));
      return values.fail && r.response.status >= 400 ? 1 : 0;
    } finally {
      await actAsRuntime.pools.closeAll();
    }
  },
};
