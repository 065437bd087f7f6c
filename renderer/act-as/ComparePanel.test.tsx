import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { SavedPersona } from './api.js';
import { ComparePanel } from './ComparePanel.js';
import { toContractPersona } from './personas.js';
import { fakeClient, Providers } from './test-utils.js';

afterEach(cleanup);

const personas: SavedPersona[] = [
  { id: 'anonymous', name: 'anonymous', kind: 'anon', claims: '', token: '' },
  { id: 'a', name: 'alice', kind: 'claims', claims: '{"role":"app_user","sub":"alice"}', token: '' },
  { id: 'b', name: 'admin', kind: 'claims', claims: '{"role":"app_admin"}', token: '' },
];
const json = [['Content-Type', 'application/json; charset=utf-8']];
const answer = (status: number, body: unknown) => ({
  response: { status, statusText: null, headers: json, body: JSON.stringify(body) },
  sql: [],
  context: null,
  committed: false,
  postgrestVersion: 16,
  timing: { authMs: 0, parseMs: 0, planMs: 0, renderMs: 0, executeMs: 0, totalMs: 1 },
});

describe('compare personas', () => {
  it('runs the request as each persona and highlights rows only some see and differing statuses', async () => {
    const client = fakeClient((_name, input) => {
      const p = (input as { persona: { type: string; claims?: { role: string } } }).persona;
      if (p.type === 'anon')
        return answer(401, {
          code: '42501',
          message: 'permission denied for table orders',
          details: null,
          hint: null,
        });
      if (p.claims?.role === 'app_user') return answer(200, [{ id: 1, user_id: 'alice', status: 'open' }]);
      return answer(200, [
        { id: 1, user_id: 'alice', status: 'open' },
        { id: 2, user_id: 'bob', status: 'paid' },
      ]);
    });
    render(
      <Providers client={client}>
        <ComparePanel
          connectionId="c1"
          draft={{ method: 'GET', path: '/orders', headers: [], body: '' }}
          personas={personas}
          resolve={(p) => toContractPersona(p, { roles: [] })}
          blocked={null}
        />
      </Providers>,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Compare' })));
    expect(client.calls.map((c) => (c[1] as { commit: boolean }).commit)).toEqual([false, false, false]);
    const statuses = screen.getByLabelText('Statuses');
    expect(statuses.textContent).toContain('401');
    // Only the odd one out (anonymous's 401 beside two 200s) is outlined.
    expect(statuses.querySelectorAll('.differs')).toHaveLength(1);
    expect(statuses.querySelector('.differs')?.textContent).toContain('401');
    expect(screen.getByLabelText('Comparison summary').textContent).toBe(
      'Statuses differ. 2 rows seen by only some personas.',
    );
    const table = screen.getByRole('table', { name: 'Rows by persona' });
    const rows = table.querySelectorAll('tbody tr');
    expect(rows).toHaveLength(2);
    expect(rows[1]!.className).toBe('aa-only');
    expect(rows[1]!.textContent).toContain('not visible');
    expect(rows[1]!.textContent).toContain('user_id=bob');
  });

  it('compares a cookie session beside a JWT persona: the session goes with its Cookie header', async () => {
    const cookie: SavedPersona = {
      id: 'c',
      name: 'alice (cookie session)',
      kind: 'anon',
      claims: '',
      token: '',
      headers: [['Cookie', 'session=alice-session']],
    };
    const client = fakeClient(() => answer(200, [{ id: 1, user_id: 'alice', status: 'open' }]));
    render(
      <Providers client={client}>
        <ComparePanel
          connectionId="c1"
          draft={{ method: 'GET', path: '/orders', headers: [['Accept', 'application/json']], body: '' }}
          personas={[personas[1]!, cookie]}
          resolve={(p) => toContractPersona(p, { roles: [] })}
          blocked={null}
        />
      </Providers>,
    );
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Compare' })));
    const sent = client.calls.map((c) => c[1] as { headers: [string, string][]; persona: { type: string } });
    expect(sent.map((s) => s.persona.type)).toEqual(['claims', 'anon']);
    expect(sent[0]!.headers).toEqual([['Accept', 'application/json']]);
    expect(sent[1]!.headers).toEqual(
      expect.arrayContaining([
        ['Accept', 'application/json'],
        ['Cookie', 'session=alice-session'],
      ]),
    );
    // the same rows: nothing only one of them sees
    expect(screen.getByRole('table', { name: 'Rows by persona' }).querySelectorAll('.aa-only')).toHaveLength(
      0,
    );
  });
});
