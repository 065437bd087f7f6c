import { describe, expect, it } from 'vitest';
import { fieldForError } from './draft.js';

describe('fieldForError', () => {
  it('marks the password field, not the URI, when no password was supplied or it was wrong', () => {
    for (const mode of ['uri', 'fields'] as const) {
      expect(fieldForError('GH110', mode)).toBe('password');
      expect(fieldForError('GH101', mode)).toBe('password');
    }
  });

  it('marks the URI in URI mode for an unreachable host, and the host in field mode', () => {
    expect(fieldForError('GH100', 'uri')).toBe('uri');
    expect(fieldForError('GH100', 'fields')).toBe('host');
  });
});
