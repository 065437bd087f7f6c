import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { StatementResult } from '../../shared/contract/workbench.js';
import { Results, TransactionBanner } from './Results.js';
import { withViewport } from '../test-viewport.js';

afterEach(cleanup);

withViewport(900, 520);

const result = (extra: Partial<StatementResult>): StatementResult => ({
  offset: 0,
  length: 8,
  sql: 'select 1',
  command: 'SELECT',
  rowCount: 1,
  columns: [{ name: 'n', type: 'integer' }],
  rows: [['1']],
  truncated: false,
  ms: 1.5,
  notices: [],
  error: null,
  plan: null,
  ...extra,
});

describe('Results', () => {
  it('shows each result set with its tag, row count, time, notices and errors', () => {
    render(
      <Results
        catalog={null}
        statements={[
          result({ notices: [{ severity: 'NOTICE', message: 'hello 42' }] }),
          result({
            sql: 'select nope',
            command: null,
            rowCount: null,
            columns: [],
            rows: [],
            error: {
              message: 'column "nope" does not exist',
              code: '42703',
              detail: null,
              hint: null,
              offset: 7,
            },
          }),
        ]}
      />,
    );
    expect(screen.getByLabelText('Statement 1').textContent).toMatch(/SELECT 1.*1 row.*1\.5 ms/);
    expect(screen.getByText('hello 42')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toMatch(/column "nope" does not exist.*42703/);
  });

  it('renders a 10,000-row result in a virtualised grid (few DOM rows)', () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [String(i), `row ${i}`]);
    render(
      <Results
        catalog={null}
        statements={[
          result({
            columns: [
              { name: 'id', type: 'integer' },
              { name: 'label', type: 'text' },
            ],
            rows,
            rowCount: 10_000,
          }),
        ]}
      />,
    );
    expect(screen.getByLabelText('Statement 1').textContent).toMatch(/10,000 rows/);
    const domRows = screen.getAllByRole('row').length;
    expect(domRows).toBeGreaterThan(10);
    expect(domRows).toBeLessThan(100);
    expect(screen.getByText('row 0')).toBeTruthy();
    // integer values arrive as text and are still right-aligned like numbers; text stays left
    expect(screen.getByText('row 0').previousElementSibling?.className).toContain('num');
    expect(screen.getByText('row 0').className).not.toContain('num');
  });

  it('draws EXPLAIN output as a plan tree', () => {
    render(
      <Results
        catalog={null}
        statements={[
          result({
            plan: [
              {
                Plan: { 'Node Type': 'Seq Scan', 'Relation Name': 'notes', 'Plan Rows': 3, 'Total Cost': 1 },
              },
            ],
          }),
        ]}
      />,
    );
    expect(screen.getByRole('tree', { name: 'Query plan' }).textContent).toMatch(/Seq Scan on notes.*est 3/);
  });
});

describe('TransactionBanner', () => {
  it('waits for Commit or Rollback while open', () => {
    const onCommit = vi.fn();
    const onRollback = vi.fn();
    render(
      <TransactionBanner
        busy={false}
        onCommit={onCommit}
        onRollback={onRollback}
        transaction={{
          state: 'open',
          changes: ['UPDATE 1'],
          schemaChanged: false,
          message: 'Transaction open: UPDATE 1.',
        }}
      />,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Commit' }));
    fireEvent.click(screen.getByRole('button', { name: 'Rollback' }));
    expect([onCommit.mock.calls.length, onRollback.mock.calls.length]).toEqual([1, 1]);
  });
  it('says a lost connection rolled back, with no buttons', () => {
    render(
      <TransactionBanner
        busy={false}
        onCommit={() => undefined}
        onRollback={() => undefined}
        transaction={{
          state: 'lost',
          changes: ['INSERT 1'],
          schemaChanged: false,
          message: 'The connection was lost: PostgreSQL rolled the transaction back (INSERT 1 not saved).',
        }}
      />,
    );
    expect(screen.getByRole('alert').textContent).toMatch(/rolled the transaction back/);
    expect(screen.queryByRole('button')).toBeNull();
  });
});
