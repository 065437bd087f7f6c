import type { ReviewItem } from '../../../shared/diff/review.js';

/** An item before it is ranked: everything but the rank, which follows from the rest. */
export type DraftItem = Omit<ReviewItem, 'rank'>;

/**
 * How dangerous an item is, 0 first: what anon gains (writes before reads), then what other roles gain
 * (writes before reads), then changes either way, then losses (a loss breaks clients, it exposes nothing).
 */
export function rankOf(item: DraftItem): number {
  if (item.direction === 'gain') {
    if (item.as === 'anon') return item.write ? 0 : 1;
    return item.write ? 2 : 3;
  }
  return item.direction === 'change' ? 4 : 5;
}

const KIND_ORDER: Record<ReviewItem['kind'], number> = {
  endpoint: 0,
  rows: 1,
  columns: 2,
  rpc: 3,
  policy: 4,
};

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Rank, then anon before JWT roles, role, object, kind, privilege: the same pair always reads the same. */
export function compareItems(a: ReviewItem, b: ReviewItem): number {
  return (
    a.rank - b.rank ||
    Number(a.as !== 'anon') - Number(b.as !== 'anon') ||
    byCodePoint(a.role, b.role) ||
    byCodePoint(a.object.schema ?? '', b.object.schema ?? '') ||
    byCodePoint(a.object.name, b.object.name) ||
    byCodePoint(a.object.member ?? '', b.object.member ?? '') ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    byCodePoint(a.privilege, b.privilege)
  );
}

export function ranked(item: DraftItem): ReviewItem {
  return { ...item, rank: rankOf(item) };
}

/** `GET /members`, `POST, PATCH /orders` — HEAD goes with GET and is not named. */
export function methodsOn(methods: readonly string[], path: string | null): string {
  const shown = methods.filter((m) => m !== 'HEAD');
  return path === null || shown.length === 0 ? '' : ` (${shown.join(', ')} ${path})`;
}

export const list = (names: Iterable<string>): string => [...names].join(', ');
