import type { PolicyEditorContext } from '../../shared/contract/rls.js';
import { typedIdent } from '../workbench/completion.js';

export type PolicyCompletionKind =
  'column' | 'claim' | 'setting' | 'relation' | 'function' | 'role' | 'keyword';

/** One suggestion: `replace` characters before the cursor give way to `insertText`. */
export interface PolicyCompletion {
  readonly label: string;
  readonly kind: PolicyCompletionKind;
  readonly detail: string;
  readonly insertText: string;
  readonly replace: number;
}

/** What PostgREST sets for every request (current_setting names), before the pre-request function's own. */
export const REQUEST_SETTINGS = [
  'request.jwt.claims',
  'request.headers',
  'request.cookies',
  'request.method',
  'request.path',
];

/** The words a policy expression is made of (not the statement keywords of the workbench). */
const KEYWORDS =
  `AND OR NOT IN IS NULL TRUE FALSE EXISTS SELECT FROM WHERE LIKE ILIKE ANY ALL CASE WHEN THEN ELSE END
current_user session_user current_setting coalesce`
    .split(/\s+/)
    .filter(Boolean);

export const claimText = (claim: string) =>
  `current_setting('request.jwt.claims', true)::json->>'${claim.replaceAll("'", "''")}'`;
const settingText = (setting: string) => `current_setting('${setting.replaceAll("'", "''")}', true)`;

const IDENT = String.raw`(?:"(?:[^"]|"")+"|[A-Za-z_][\w$]*)`;
const unquote = (s: string) => (s.startsWith('"') ? s.slice(1, -1).replaceAll('""', '"') : s.toLowerCase());

/**
 * Completion for a policy expression of `ctx.schema.ctx.table`, from the text before the cursor: claim names
 * inside `request.jwt.claims … ->> '`, setting names inside `current_setting('`, columns after `table.`, relations
 * and functions after `schema.`, and otherwise the table's columns first, then ready-made claim and setting reads,
 * functions, relations, the request roles (as literals, for current_user = '…') and keywords. Pure.
 */
export function policyCompletions(ctx: PolicyEditorContext, before: string): PolicyCompletion[] {
  const inClaim = /request\.jwt\.claims'[^;]*?->>?\s*'([^']*)$/.exec(before);
  if (inClaim) {
    const typed = inClaim[1]!;
    return ctx.claims.map((c) => ({
      label: c.name,
      kind: 'claim',
      detail: c.usedBy.slice(0, 3).join(', ') + (c.usedBy.length > 3 ? ', …' : ''),
      insertText: c.name.replaceAll("'", "''"),
      replace: typed.length,
    }));
  }
  const inSetting = /current_setting\s*\(\s*'([^']*)$/i.exec(before);
  if (inSetting) {
    const typed = inSetting[1]!;
    return [...new Set([...REQUEST_SETTINGS, ...ctx.sessionSettings])].map((s) => ({
      label: s,
      kind: 'setting',
      detail: ctx.sessionSettings.includes(s) ? 'set by the pre-request function' : 'set by PostgREST',
      insertText: s,
      replace: typed.length,
    }));
  }
  const dotted = new RegExp(`(${IDENT})\\s*\\.\\s*("?[\\w$]*)$`).exec(before);
  if (dotted) {
    const qualifier = unquote(dotted[1]!);
    const typed = dotted[2]!.length;
    const rel =
      qualifier === ctx.table
        ? {
            columns: ctx.columns.map((c) => c.name),
            detail: (n: string) => ctx.columns.find((c) => c.name === n)?.type ?? '',
          }
        : (() => {
            const r = ctx.relations.find((x) => x.name === qualifier);
            return r ? { columns: r.columns, detail: () => `${r.schema}.${r.name}` } : null;
          })();
    return [
      ...(rel?.columns ?? []).map((c): PolicyCompletion => ({
        label: c,
        kind: 'column',
        detail: rel!.detail(c),
        insertText: typedIdent(c),
        replace: typed,
      })),
      ...ctx.relations
        .filter((r) => r.schema === qualifier)
        .map((r): PolicyCompletion => ({
          label: r.name,
          kind: 'relation',
          detail: `${r.kind} ${r.schema}.${r.name}`,
          insertText: typedIdent(r.name),
          replace: typed,
        })),
      ...ctx.functions
        .filter((f) => f.schema === qualifier)
        .map((f): PolicyCompletion => ({
          label: f.name,
          kind: 'function',
          detail: `(${f.args}) → ${f.returns}`,
          insertText: `${typedIdent(f.name)}(`,
          replace: typed,
        })),
    ];
  }
  const replace = (/[\w$]*$/.exec(before)?.[0] ?? '').length;
  return [
    ...ctx.columns.map((c): PolicyCompletion => ({
      label: c.name,
      kind: 'column',
      detail: `${ctx.table}.${c.name} ${c.type}`,
      insertText: typedIdent(c.name),
      replace,
    })),
    ...ctx.claims.map((c): PolicyCompletion => ({
      label: `claim ${c.name}`,
      kind: 'claim',
      detail: `JWT claim, read by ${c.usedBy[0] ?? 'nothing yet'}`,
      insertText: claimText(c.name),
      replace,
    })),
    ...ctx.sessionSettings.map((s): PolicyCompletion => ({
      label: `setting ${s}`,
      kind: 'setting',
      detail: 'set by the pre-request function',
      insertText: settingText(s),
      replace,
    })),
    ...ctx.functions.map((f): PolicyCompletion => ({
      label: `${f.schema}.${f.name}`,
      kind: 'function',
      detail: `(${f.args}) → ${f.returns}`,
      insertText: `${typedIdent(f.schema)}.${typedIdent(f.name)}(`,
      replace,
    })),
    ...ctx.relations
      .filter((r) => r.schema !== ctx.schema || r.name !== ctx.table)
      .map((r): PolicyCompletion => ({
        label: `${r.schema}.${r.name}`,
        kind: 'relation',
        detail: `${r.kind}, ${r.columns.length} columns`,
        insertText: `${typedIdent(r.schema)}.${typedIdent(r.name)}`,
        replace,
      })),
    ...ctx.requestRoles.map((r): PolicyCompletion => ({
      label: r,
      kind: 'role',
      detail: 'request role',
      insertText: `'${r.replaceAll("'", "''")}'`,
      replace,
    })),
    ...KEYWORDS.map((k): PolicyCompletion => ({
      label: k,
      kind: 'keyword',
      detail: 'keyword',
      insertText: k,
      replace,
    })),
  ];
}
