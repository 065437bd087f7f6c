import { describe, expect, it } from 'vitest';
import { fitTabs } from './fit-tabs.js';

const widths = [80, 50, 60, 60, 60, 50, 70, 50, 60];

describe('fitting panel tabs into the top bar', () => {
  it('shows every tab when they all fit, with no More menu', () => {
    const total = widths.reduce((a, b) => a + b, 0) + 8 * 4;
    expect(fitTabs(widths, total, 70, 4, 0)).toEqual({ visible: widths.map((_, i) => i), overflow: [] });
  });

  it('keeps tabs in order and leaves room for More when space runs out', () => {
    // 80 + 4 + 50 + 4 + 60 = 198 fits in 300 - 70 - 4 = 226; one more tab (262) does not.
    const fit = fitTabs(widths, 300, 70, 4, 0);
    expect(fit.visible).toEqual([0, 1, 2]);
    expect(fit.overflow).toEqual([3, 4, 5, 6, 7, 8]);
  });

  it('keeps the selected tab in the bar, in place of the last ones that fit', () => {
    const fit = fitTabs(widths, 300, 70, 4, 7);
    expect(fit.visible).toEqual([0, 1, 7]);
    expect(fit.overflow).toEqual([2, 3, 4, 5, 6, 8]);
  });

  it('shows only the selected tab when even two would not fit', () => {
    expect(fitTabs(widths, 120, 70, 4, 6)).toEqual({ visible: [6], overflow: [0, 1, 2, 3, 4, 5, 7, 8] });
  });

  it('treats an unknown selection as none', () => {
    expect(fitTabs(widths, 300, 70, 4, -1).visible).toEqual([0, 1, 2]);
  });
});
