import type { Policy } from '../../../shared/model/catalog.js';
import { policyAppliesTo } from '../../advisor/context.js';
import type { DraftItem } from './item.js';
import { tableKey, type SideReach } from './side.js';

const policyKey = (p: Policy): string => `${p.schema}\0${p.table}\0${p.name}`;

/** The parts of a policy that decide rows, named as a reader of CREATE POLICY names them. */
function alteredParts(a: Policy, b: Policy): string[] {
  const parts: string[] = [];
  if (a.command !== b.command) parts.push(`FOR ${a.command} → ${b.command}`);
  if (a.permissive !== b.permissive) parts.push(b.permissive ? 'now permissive' : 'now restrictive');
  if (a.using !== b.using) parts.push('USING');
  if (a.withCheck !== b.withCheck) parts.push('WITH CHECK');
  return parts;
}

function shape(p: Policy): string {
  return `FOR ${p.command}, ${p.permissive ? 'permissive' : 'restrictive'}`;
}

/**
 * The policies that change for one role: added, removed or altered policies applying to it (PUBLIC, the role,
 * or a role whose privileges it holds) on tables its requests read on either side. A permissive policy lets
 * rows through (added: a gain), a restrictive one holds them back (added: a loss).
 */
export function policyItems(
  who: { readonly role: string; readonly as: 'anon' | 'jwt' },
  before: SideReach,
  after: SideReach,
): DraftItem[] {
  const tables = new Set([...before.policyTables(who.role), ...after.policyTables(who.role)]);
  if (tables.size === 0) return [];
  const on = (side: SideReach) => {
    const map = new Map<string, Policy>();
    for (const p of side.ctx.catalog.policies)
      if (tables.has(tableKey(p.schema, p.table)) && policyAppliesTo(side.ctx, p, who.role))
        map.set(policyKey(p), p);
    return map;
  };
  const b = on(before);
  const a = on(after);
  const out: DraftItem[] = [];
  for (const k of new Set([...b.keys(), ...a.keys()])) {
    const old = b.get(k);
    const now = a.get(k);
    const p = (now ?? old)!;
    const base = {
      role: who.role,
      as: who.as,
      kind: 'policy' as const,
      object: { kind: 'policy' as const, schema: p.schema, name: p.table, member: p.name },
      privilege: p.command,
      methods: [],
      path: null,
      columns: null,
      write: p.command !== 'SELECT',
    };
    const name = `policy ${p.name} on ${p.schema}.${p.table}`;
    if (old && now) {
      const parts = alteredParts(old, now);
      if (parts.length === 0) continue;
      out.push({
        ...base,
        direction: 'change',
        sentence: `${name} changes for ${who.role} (${parts.join(', ')})`,
      });
    } else if (now) {
      out.push({
        ...base,
        direction: now.permissive ? 'gain' : 'loss',
        sentence: `${who.role} gains ${now.permissive ? '' : 'restrictive '}${name} (${shape(now)})`,
      });
    } else {
      out.push({
        ...base,
        direction: old!.permissive ? 'loss' : 'gain',
        sentence: `${who.role} loses ${old!.permissive ? '' : 'restrictive '}${name} (${shape(old!)})`,
      });
    }
  }
  return out;
}
