import { describe, expect, it } from 'vitest';
import type { Migration } from '../../../shared/diff/migration.js';
import { renderMigration } from './render-script.js';

const object = { kind: 'relation', schema: 'app', name: 'notes' } as const;

// Hazard details and writer reasons are free text (they quote names and definitions from the model): a comment
// made of one must stay one line, whatever line breaks it holds, or the rest becomes SQL.
describe('the migration script’s comments', () => {
  const m: Migration = {
    equal: false,
    changes: [],
    skipped: [],
    renameCandidates: [],
    cycles: [],
    unwritable: [
      { changeId: 'x', object, reason: 'cannot be written:\r\nDROP TABLE app.keep', hint: 'see\rhere' },
    ],
    statements: [
      {
        sql: 'DROP TABLE app.notes',
        transactional: true,
        object,
        changeIds: ['x'],
        hazards: [{ kind: 'data_loss', detail: 'drops app.notes\rDROP TABLE app.keep;\r\n' }],
      },
    ],
  };

  it('keeps each one on one line, carriage returns included', () => {
    const text = renderMigration(m);
    expect(text).not.toMatch(/\r/);
    expect(text.split('\n').filter((l) => l.includes('app.keep'))).toEqual([
      '-- not written: relation app.notes: cannot be written: DROP TABLE app.keep see here',
      '-- hazard data_loss: drops app.notes DROP TABLE app.keep;',
    ]);
  });
});
