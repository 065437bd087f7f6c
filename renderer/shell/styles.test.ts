import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { editorPalette, editorTheme, studioEditorThemes } from './monaco/themes.js';

const css = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

describe('shell layout class', () => {
  it('is specific to the shell, so Monaco rows (which carry a bare .main) keep their own layout', () => {
    expect(css('./styles.css')).not.toMatch(/(^|[\s,}>])\.main\b/m);
    expect(css('./styles.css')).toMatch(/\.gh-main\s*\{/);
    // No console override is needed any more.
    expect(css('../act-as/act-as.css')).not.toMatch(/\.main\b/);
  });
});

/** The custom properties a theme block of styles.css sets, by name. */
function themeVars(selector: string): Map<string, string> {
  const text = css('./styles.css');
  const start = text.indexOf(`${selector} {`);
  const body = text.slice(start, text.indexOf('}', start));
  return new Map([...body.matchAll(/(--[\w-]+):\s*(#[0-9a-f]{6});/gi)].map((m) => [m[1]!, m[2]!]));
}

/** WCAG relative luminance and contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const lum = (hex: string) => {
    const [r, g, bl] = [1, 3, 5].map((i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

describe('theme colours', () => {
  for (const selector of [':root', ":root[data-theme='dark']"]) {
    it(`${selector}: zebra rows are visible on a table's background, and quieter than a hovered row`, () => {
      const v = themeVars(selector);
      const zebra = contrast(v.get('--bg-zebra')!, v.get('--bg-raised')!);
      // the light theme's old #fafbfc on white was 1.02: no stripe a user could see
      expect(zebra).toBeGreaterThanOrEqual(1.06);
      expect(zebra).toBeLessThan(contrast(v.get('--bg-hover')!, v.get('--bg-raised')!));
    });
    it(`${selector}: body and muted text read as AA on every surface`, () => {
      const v = themeVars(selector);
      for (const surface of ['--bg', '--bg-raised', '--bg-sunken', '--bg-zebra']) {
        expect(contrast(v.get('--text')!, v.get(surface)!)).toBeGreaterThanOrEqual(7);
        expect(contrast(v.get('--text-muted')!, v.get(surface)!)).toBeGreaterThanOrEqual(4.5);
      }
    });
  }
});

describe('studio editor themes', () => {
  it('take the editor chrome from the same colours as styles.css, in both themes', () => {
    for (const [name, selector] of [
      ['light', ':root'],
      ['dark', ":root[data-theme='dark']"],
    ] as const) {
      const vars = themeVars(selector);
      for (const [prop, value] of Object.entries(editorPalette[name]))
        expect([prop, vars.get(prop)]).toEqual([prop, value]);
    }
  });

  it("paint the editor on the panel's raised surface, not Monaco's grey", () => {
    expect(studioEditorThemes['gatehouse-dark'].colors['editor.background']).toBe('#181b22');
    expect(studioEditorThemes['gatehouse-dark'].base).toBe('vs-dark');
    expect(studioEditorThemes['gatehouse-light'].colors['editor.background']).toBe('#ffffff');
    expect([editorTheme('dark'), editorTheme('light')]).toEqual(['gatehouse-dark', 'gatehouse-light']);
  });
});
