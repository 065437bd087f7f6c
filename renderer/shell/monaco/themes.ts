// Monaco's own vs / vs-dark paint a neutral grey (#1e1e1e) that matches none of the studio's surfaces; these two
// themes keep its token colours and take the editor chrome from the palette in styles.css (a unit test checks
// that the two stay in step).

/** The subset of Monaco's IStandaloneThemeData these themes use (kept here so the data needs no Monaco import). */
export interface StudioEditorTheme {
  readonly base: 'vs' | 'vs-dark';
  readonly inherit: true;
  readonly rules: readonly never[];
  readonly colors: Readonly<Record<string, string>>;
}

/** styles.css custom property → its value, per theme: the colours the editor chrome is made of. */
export const editorPalette = {
  light: {
    '--bg-raised': '#ffffff',
    '--bg-hover': '#eceff3',
    '--bg-selected': '#e3ebfd',
    '--border': '#e1e4e9',
    '--text': '#1b1f24',
    '--text-muted': '#5b6471',
    '--text-faint': '#8a93a0',
  },
  dark: {
    '--bg-raised': '#181b22',
    '--bg-hover': '#222631',
    '--bg-selected': '#1e2a47',
    '--border': '#272c36',
    '--text': '#e6e9ef',
    '--text-muted': '#a2aab8',
    '--text-faint': '#6d7585',
  },
} as const;

function chrome(p: (typeof editorPalette)['light' | 'dark']): Record<string, string> {
  return {
    'editor.background': p['--bg-raised'],
    'editor.foreground': p['--text'],
    'editorGutter.background': p['--bg-raised'],
    'editorLineNumber.foreground': p['--text-faint'],
    'editorLineNumber.activeForeground': p['--text-muted'],
    'editor.lineHighlightBackground': p['--bg-hover'] + '80',
    'editor.lineHighlightBorder': '#00000000',
    'editorOverviewRuler.border': '#00000000',
    'editorWidget.background': p['--bg-raised'],
    'editorWidget.border': p['--border'],
    'editorSuggestWidget.background': p['--bg-raised'],
    'editorSuggestWidget.border': p['--border'],
    'editorSuggestWidget.selectedBackground': p['--bg-selected'],
    'editorHoverWidget.background': p['--bg-raised'],
    'editorHoverWidget.border': p['--border'],
    'scrollbarSlider.background': p['--text-faint'] + '40',
    'scrollbarSlider.hoverBackground': p['--text-faint'] + '66',
  };
}

export const studioEditorThemes: Readonly<Record<'gatehouse-light' | 'gatehouse-dark', StudioEditorTheme>> = {
  'gatehouse-light': { base: 'vs', inherit: true, rules: [], colors: chrome(editorPalette.light) },
  'gatehouse-dark': { base: 'vs-dark', inherit: true, rules: [], colors: chrome(editorPalette.dark) },
};

/** The Monaco theme name for the studio's theme. */
export function editorTheme(theme: 'light' | 'dark'): 'gatehouse-light' | 'gatehouse-dark' {
  return theme === 'dark' ? 'gatehouse-dark' : 'gatehouse-light';
}

/** Editor options every studio editor shares: no cursor mark or border drawn in the overview ruler (a stray
 * dark dash at the top right of a short script otherwise). */
export const studioEditorChrome = { hideCursorInOverviewRuler: true, overviewRulerBorder: false } as const;
