/** Which panel tabs fit in the top bar, and which go into the "More" menu. */
export interface TabFit {
  /** Indexes of the tabs shown in the bar, in their original order. */
  readonly visible: readonly number[];
  /** Indexes of the tabs listed in the More menu, in their original order. */
  readonly overflow: readonly number[];
}

/**
 * Fits tabs of the measured `widths` into `available` pixels, `gap` between them. When not all fit, room is kept
 * for the More button (`moreWidth`), tabs are kept in order while they fit, and the selected tab always stays in
 * the bar (it takes the place of the last ones that fit), so the user always sees where they are.
 */
export function fitTabs(
  widths: readonly number[],
  available: number,
  moreWidth: number,
  gap: number,
  selected: number,
): TabFit {
  const all = widths.map((_, i) => i);
  const span = (ids: readonly number[]) =>
    ids.reduce((sum, i) => sum + widths[i]!, 0) + Math.max(0, ids.length - 1) * gap;
  if (span(all) <= available) return { visible: all, overflow: [] };
  const budget = available - moreWidth - gap;
  const visible: number[] = [];
  for (const i of all) {
    if (span([...visible, i]) > budget) break;
    visible.push(i);
  }
  if (selected >= 0 && selected < widths.length && !visible.includes(selected)) {
    while (visible.length > 0 && span([...visible, selected]) > budget) visible.pop();
    visible.push(selected);
    visible.sort((a, b) => a - b);
  }
  return { visible, overflow: all.filter((i) => !visible.includes(i)) };
}
