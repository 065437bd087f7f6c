import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Migration } from '../../shared/diff/migration.js';
import { MigrationView } from './MigrationView.js';

// Monaco does not run in jsdom: the script shows its text.
vi.mock('../shell/monaco/SqlViewer.js', () => ({
  default: (p: { value: string }) => <pre data-testid="script">{p.value}</pre>,
}));

const migration: Migration = {
  equal: false,
  changes: [
    {
      id: 'function:add:api.total()',
      action: 'add',
      kind: 'function',
      object: { kind: 'function', schema: 'api', name: 'total', args: 'integer' },
      summary: 'create aggregate api.total(integer)',
      fromSql: null,
      toSql: null,
      requires: [],
      because: null,
    },
  ],
  skipped: [],
  statements: [],
  renameCandidates: [],
  cycles: [],
  unwritable: [
    {
      changeId: 'function:add:api.total()',
      object: { kind: 'function', schema: 'api', name: 'total', args: 'integer' },
      reason: 'The aggregate api.total cannot be written from the model.',
      hint: 'Use pg_dump for aggregates.',
    },
  ],
};

describe('MigrationView', () => {
  it('names every object the migration does not write, above the script', async () => {
    render(<MigrationView migration={migration} script="" />);
    const alert = screen.getByRole('alert', { name: 'Not written' });
    expect(alert.textContent).toContain('1 object is not written');
    expect(alert.textContent).toContain(
      'function api.total(integer): The aggregate api.total cannot be written from the model. Use pg_dump for aggregates.',
    );
    const script = await screen.findByTestId('script');
    expect(alert.compareDocumentPosition(script) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
