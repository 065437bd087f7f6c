/**
 * The session context as it was after db-pre-request ran: the role, the claims and the settings the function
 * changed or added (the postgrest-sessions pattern sets the role and claims from a cookie). The studio reads it
 * in its own rolled-back run of the persona's session; PostgREST's request transaction is not touched.
 */
import type { AfterPreRequest } from '../../../shared/contract/act-as.js';
import { settingsStatement, type SessionContext } from '../execute/session.js';

/** The settings the request's set_config round gave, by name (search_path, role, request.*, app settings …). */
export function settingsBefore(ctx: SessionContext): Map<string, string> {
  const p = settingsStatement(ctx).params;
  const out = new Map<string, string>();
  for (let i = 0; i + 1 < p.length; i += 2) out.set(p[i] ?? '', p[i + 1] ?? '');
  return out;
}

/** $1 (the names the request set, as a text[] literal) and $2 (the function) of after-pre-request.sql. */
export function preRequestProbeParams(ctx: SessionContext): [string, string] {
  const names = [...settingsBefore(ctx).keys()];
  const literal = `{${names.map((n) => `"${n.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`).join(',')}}`;
  const p = ctx.preRequest!;
  const fn =
    p.schema === ''
      ? `"${p.name.replace(/"/g, '""')}"`
      : `"${p.schema.replace(/"/g, '""')}"."${p.name.replace(/"/g, '""')}"`;
  return [literal, fn];
}

/** What the pre-request changed, from the row of sql/act-as/console/after-pre-request.sql. */
export function afterPreRequest(
  ctx: SessionContext,
  row: { role: string; settings: Record<string, string> },
): AfterPreRequest {
  const before = settingsBefore(ctx);
  const changed: [string, string][] = [];
  for (const [name, value] of Object.entries(row.settings)) {
    const was = before.get(name);
    if (was === undefined && !name.includes('.')) continue;
    // A placeholder left empty by an earlier transaction on this pooled session is not a change.
    if (was === undefined ? value !== '' : was !== value && name !== 'role') changed.push([name, value]);
  }
  let claims: AfterPreRequest['claims'] = null;
  try {
    const text = row.settings['request.jwt.claims'];
    const v: unknown = text ? JSON.parse(text) : null;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) claims = v as AfterPreRequest['claims'];
  } catch {
    claims = null;
  }
  return { role: row.role, claims, changed };
}
