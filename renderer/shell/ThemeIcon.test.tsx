import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ThemeIcon } from './ThemeIcon.js';

afterEach(cleanup);

describe('the theme switch icon', () => {
  it('is drawn in the button colour, a moon to go dark and a sun to go light, with no hairline text glyph', () => {
    for (const [theme, icon] of [
      ['light', 'moon'],
      ['dark', 'sun'],
    ] as const) {
      const { container } = render(<ThemeIcon theme={theme} />);
      const svg = container.querySelector('svg')!;
      expect(svg.dataset.icon).toBe(icon);
      expect(svg.getAttribute('stroke')).toBe('currentColor');
      expect(svg.getAttribute('aria-hidden')).toBe('true');
      expect(container.textContent).toBe('');
      cleanup();
    }
  });
});
