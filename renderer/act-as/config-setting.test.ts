import { describe, expect, it } from 'vitest';
import { settingLine } from './config-setting.js';

describe('settingLine', () => {
  const text =
    '# db-schemas = "old"\ndb-uri = "postgresql://auth@/app"\n  db-schemas="api, public"\njwt-secret = "x"';

  it('finds the line that sets a key, past a commented-out one', () => {
    const at = settingLine(text, 'db-schemas')!;
    expect(text.slice(at.start, at.end)).toBe('  db-schemas="api, public"');
    const jwt = settingLine(text, 'jwt-secret')!;
    expect(text.slice(jwt.start, jwt.end)).toBe('jwt-secret = "x"');
  });

  it('is null for a key the text does not set, and for a key that only prefixes another', () => {
    expect(settingLine(text, 'db-pre-request')).toBeNull();
    expect(settingLine('db-schemas-extra = 1', 'db-schemas')).toBeNull();
  });
});
