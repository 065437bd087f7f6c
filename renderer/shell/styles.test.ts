import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = (file: string) => readFileSync(new URL(file, import.meta.url), 'utf8');

describe('shell layout class', () => {
  it('is specific to the shell, so Monaco rows (which carry a bare .main) keep their own layout', () => {
    expect(css('./styles.css')).not.toMatch(/(^|[\s,}>])\.main\b/m);
    expect(css('./styles.css')).toMatch(/\.gh-main\s*\{/);
    // No console override is needed any more.
    expect(css('../act-as/act-as.css')).not.toMatch(/\.main\b/);
  });
});
