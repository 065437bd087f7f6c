import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Comparison } from '../../shared/contract/diff.js';
import type { DiffOptions, Migration } from '../../shared/diff/migration.js';
import { fakeClient, Providers } from '../act-as/test-utils.js';
import { changeTree, skipReasons, tickIn, tickOut } from './change-tree.js';
import DiffPanel from './DiffPanel.js';

// Monaco does not run in jsdom: the editors show their text.
vi.mock('./SqlDiff.js', () => ({
  default: (p: { from: string; to: string }) => (
    <div data-testid="sql-diff">
      <pre>{p.from}</pre>
      <pre>{p.to}</pre>
    </div>
  ),
}));
vi.mock('../shell/monaco/SqlViewer.js', () => ({
  default: (p: { value: string }) => <pre data-testid="script">{p.value}</pre>,
}));

afterEach(cleanup);

const rel = (name: string) => ({ kind: 'relation' as const, schema: 'api', name });

/** A hand-made migration: a table, a grant on it (requires the table), a view recreated around a column change. */
const MIGRATION: Migration = {
  equal: false,
  changes: [
    {
      id: 'table:api.members',
      action: 'add',
      kind: 'table',
      object: rel('members'),
      summary: 'create table api.members',
      fromSql: null,
      toSql: 'CREATE TABLE api.members (id integer);',
      requires: [],
      because: null,
    },
    {
      id: 'grant:api.members:anon',
      action: 'add',
      kind: 'grant',
      object: rel('members'),
      summary: 'grant SELECT on api.members to anon',
      fromSql: null,
      toSql: 'GRANT SELECT ON api.members TO anon;',
      requires: ['table:api.members'],
      because: null,
    },
    {
      id: 'column:api.orders.status',
      action: 'alter',
      kind: 'column',
      object: { kind: 'column', schema: 'api', name: 'orders', member: 'status' },
      summary: 'change type of api.orders.status to varchar(20)',
      fromSql: 'status text',
      toSql: 'status character varying(20)',
      requires: [],
      because: null,
    },
    {
      id: 'table:api.legacy',
      action: 'drop',
      kind: 'table',
      object: rel('legacy'),
      summary: 'drop table api.legacy',
      fromSql: 'CREATE TABLE api.legacy (id integer);',
      toSql: null,
      requires: [],
      because: null,
    },
  ],
  skipped: [],
  statements: [
    {
      sql: 'CREATE TABLE api.members (id integer);',
      transactional: true,
      object: rel('members'),
      changeIds: ['table:api.members'],
      hazards: [],
    },
    {
      sql: 'GRANT SELECT ON api.members TO anon;',
      transactional: true,
      object: rel('members'),
      changeIds: ['grant:api.members:anon'],
      hazards: [],
    },
    {
      sql: 'DROP TABLE api.legacy;',
      transactional: true,
      object: rel('legacy'),
      changeIds: ['table:api.legacy'],
      hazards: [{ kind: 'data_loss', detail: 'the rows of api.legacy are deleted' }],
    },
  ],
  renameCandidates: [],
  cycles: [],
  unwritable: [],
};

function comparison(options: DiffOptions): Comparison {
  const skip = new Set(options.skip ?? []);
  // What the engine does with a skip: the grant follows its table out, with the reason.
  const skipped = MIGRATION.changes
    .filter((c) => skip.has(c.id) || c.requires.some((r) => skip.has(r)))
    .map((c) => ({
      id: c.id,
      because: skip.has(c.id) ? 'ticked out' : `requires ${c.requires[0]}, left out`,
    }));
  const out = new Set(skipped.map((s) => s.id));
  const statements = MIGRATION.statements.filter((s) => !s.changeIds.some((id) => out.has(id)));
  return {
    comparisonId: 'cmp-1',
    from: { kind: 'connection', label: 'Demo (shop)', serverVersion: '18.4' },
    to: { kind: 'folder', label: '/srv/schema (3 files)', serverVersion: '18.4' },
    options,
    migration: { ...MIGRATION, skipped, statements },
    review: {
      config: { schemas: ['api'], anonRole: 'anon', authenticator: 'authenticator' },
      authenticator: { before: 'authenticator', after: 'authenticator' },
      items: [
        {
          role: 'anon',
          as: 'anon',
          kind: 'endpoint',
          direction: 'gain',
          write: false,
          rank: 1,
          object: rel('members'),
          privilege: 'SELECT',
          methods: ['GET', 'HEAD'],
          path: '/members',
          columns: null,
          sentence: 'anon gains SELECT on api.members (GET /members)',
        },
      ],
      roles: [],
      assumptions: [],
    },
    script: `BEGIN;\n${statements.map((s) => s.sql).join('\n')}\nCOMMIT;\n`,
    applyTo: 'c1',
  };
}

function host() {
  let polls = 0;
  return fakeClient((name, input) => {
    const i = input as { options?: DiffOptions };
    switch (name) {
      case 'connections.status':
        return {
          connections: [
            {
              id: 'c1',
              name: 'Demo',
              state: 'open',
              lastError: null,
              whoami: null,
              warnings: [],
            },
          ],
          defaultId: 'c1',
        };
      case 'diff.compare':
        return { comparisonId: 'cmp-1' };
      case 'diff.progress':
        polls += 1;
        return polls === 1
          ? {
              state: 'running',
              steps: [{ side: 'to', message: 'applying 002_orders.sql', done: 2, total: 3 }],
              comparison: null,
              error: null,
            }
          : { state: 'done', steps: [], comparison: comparison({}), error: null };
      case 'diff.plan':
        return comparison(i.options ?? {});
      case 'diff.export':
        return {
          files: ['/srv/out/20260101000000_migration.sql'],
          verification: { verified: true, residue: [], leftOut: [], error: null },
        };
      default:
        throw new Error(`unexpected call ${name}`);
    }
  });
}

describe('change tree model', () => {
  it('groups by schema and kind with counts, and ticks dependants back in with what they require', () => {
    const tree = changeTree(MIGRATION.changes);
    expect(tree.map((s) => [s.label, s.counts])).toEqual([['api', { added: 2, removed: 1, changed: 1 }]]);
    expect(tree[0]!.kinds.map((k) => [k.label, k.changes.length])).toEqual([
      ['Tables', 2],
      ['Columns', 1],
      ['Grants', 1],
    ]);
    const out = tickOut(new Set(), 'table:api.members');
    expect([...tickIn(MIGRATION, out, 'grant:api.members:anon')]).toEqual([]);
    const planned = comparison({ skip: [...out] }).migration;
    expect(skipReasons(planned, out)).toEqual(
      new Map([
        ['table:api.members', 'Ticked out'],
        ['grant:api.members:anon', 'requires table:api.members, left out'],
      ]),
    );
  });
});

describe('DiffPanel', () => {
  it('compares with progress, shows the review before the SQL, unticks a change and exports', async () => {
    // jsdom has no Monaco, and a tiny viewport: the tree and editors are still in the DOM.
    const client = host();
    render(
      <Providers client={client}>
        <DiffPanel connectionId="c1" openObject={() => undefined} />
      </Providers>,
    );
    fireEvent.change(screen.getByLabelText('To path'), { target: { value: 'relative/dir' } });
    expect(screen.getByRole('alert').textContent).toContain('must be absolute');
    expect((screen.getByRole('button', { name: 'Compare' }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('To path'), { target: { value: '/srv/schema' } });
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    await screen.findByRole('status', { name: 'Progress' });
    const review = await screen.findByRole('region', { name: 'What changes for whom' }, { timeout: 3000 });
    expect(review.textContent).toContain('anon gains SELECT on api.members (GET /members)');
    // The review stands before the migration's SQL.
    const script = await screen.findByTestId('script');
    expect(review.compareDocumentPosition(script) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(script.textContent).toContain('DROP TABLE api.legacy;');
    expect(screen.getByRole('region', { name: 'Migration' }).textContent).toContain('1 data loss');
    expect(client.calls.find(([n]) => n === 'diff.compare')![1]).toEqual({
      from: { kind: 'connection', connectionId: 'c1' },
      to: { kind: 'folder', path: '/srv/schema' },
      options: {},
    });

    const tree = screen.getByRole('tree', { name: 'Differences' });
    fireEvent.click(within(tree).getByLabelText('Include create table api.members'));
    await waitFor(() => expect(screen.getByTestId('script').textContent).not.toContain('api.members'));
    expect(client.calls.filter(([n]) => n === 'diff.plan').at(-1)![1]).toMatchObject({
      options: { skip: ['table:api.members'] },
    });
    // The grant follows its table out, and says why.
    const grant = within(tree).getByRole('treeitem', { name: 'grant SELECT on api.members to anon' });
    expect((within(grant).getByRole('checkbox') as HTMLInputElement).checked).toBe(false);
    expect(within(grant).getByText('follows').getAttribute('title')).toBe(
      'requires table:api.members, left out',
    );
    fireEvent.click(grant);
    const detail = screen.getByRole('region', { name: 'Change detail' });
    expect(detail.textContent).toContain('Left out: requires table:api.members, left out');
    expect((await screen.findByTestId('sql-diff')).textContent).toContain(
      'GRANT SELECT ON api.members TO anon;',
    );

    fireEvent.change(screen.getByLabelText('Export folder'), { target: { value: '/srv/out' } });
    fireEvent.click(screen.getByRole('button', { name: 'Verify and export' }));
    const result = await screen.findByRole('status', { name: 'Export result' });
    expect(result.textContent).toContain('Verified and exported');
    expect(client.calls.find(([n]) => n === 'diff.export')![1]).toMatchObject({
      comparisonId: 'cmp-1',
      format: 'supabase',
      folder: '/srv/out',
      options: { skip: ['table:api.members'] },
      verify: true,
    });
  });
});
