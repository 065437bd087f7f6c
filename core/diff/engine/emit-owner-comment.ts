import { refLabel } from '../../../shared/model/catalog.js';
import { commentOn, ownerTo, type Target } from '../../ddl/target.js';
import type { Diff } from './context.js';

/**
 * ALTER … OWNER TO and COMMENT ON for an object both sides have, each its own change. In the main phase, or late
 * at the given ranks for objects that are themselves created late (extended statistics). `what` names the kind
 * in the summaries ("owner of collation app.ci: …").
 */
export function ownerAndComment(
  d: Diff,
  t: Target,
  a: { owner: string; comment: string | null },
  b: { owner: string; comment: string | null },
  options: { what?: string; late?: { owner: number; comment: number } } = {},
): void {
  const what = options.what !== undefined ? `${options.what} ` : '';
  const late = options.late;
  if (a.owner !== b.owner && d.wants('owner')) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'owner',
      object: t.object,
      summary: `owner of ${what}${refLabel(t.object)}: ${a.owner} → ${b.owner}`,
    });
    if (late === undefined) d.plan.add('main', ownerTo(t, b.owner), id);
    else d.plan.add('late', ownerTo(t, b.owner), id, [], late.owner);
  }
  if (a.comment !== b.comment && d.wants('comment')) {
    const id = d.plan.change({
      action: 'alter',
      kind: 'comment',
      object: t.object,
      summary: `comment on ${what}${refLabel(t.object)}`,
    });
    if (late === undefined) d.plan.add('main', commentOn(t, b.comment), id);
    else d.plan.add('late', commentOn(t, b.comment), id, [], late.comment);
  }
}
