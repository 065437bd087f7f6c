import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SavedPersona } from './api.js';
import { PersonaEditor } from './PersonaEditor.js';
import { fakeClient, Providers } from './test-utils.js';

// Monaco does not run in jsdom: the editor is a textarea here, the validation around it is what is tested.
vi.mock('./LazyEditor.js', () => ({
  LazyEditor: (p: { value: string; onChange: (v: string) => void; ariaLabel: string }) => (
    <textarea aria-label={p.ariaLabel} value={p.value} onChange={(e) => p.onChange(e.target.value)} />
  ),
}));

afterEach(cleanup);

const roles = {
  request: ['anon', 'app_user', 'app_admin'],
  others: ['developer'],
  missing: [
    {
      role: 'developer',
      why: 'authenticator is not a member of developer (GRANT developer TO authenticator)',
    },
  ],
};
const rules = { roles: [...roles.request, ...roles.others], now: 1_700_000_000 };

function Harness({ initial, client }: { initial: SavedPersona; client: ReturnType<typeof fakeClient> }) {
  const [p, setP] = useState(initial);
  return (
    <Providers client={client}>
      <PersonaEditor
        connectionId="c1"
        persona={p}
        onChange={setP}
        roles={roles}
        discovered={[
          { name: 'sub', usedBy: ['policy orders_owner on api.orders'] },
          { name: 'tenant', usedBy: ['view api.v'] },
        ]}
        rules={rules}
      />
      <output data-testid="claims">{p.claims}</output>
    </Providers>
  );
}

const alice: SavedPersona = {
  id: 'a',
  name: 'alice',
  kind: 'claims',
  claims: '{"role": "app_user", "sub": "alice"}',
  token: '',
};

describe('claims editor', () => {
  it('shows a syntax error inline with its line and column and disables minting', () => {
    const client = fakeClient(() => ({}));
    render(<Harness initial={alice} client={client} />);
    fireEvent.change(screen.getByLabelText('Claims JSON'), {
      target: { value: '{\n  "role": "app_user",\n  "sub": alice\n}' },
    });
    const problems = screen.getByRole('alert', { name: 'Claims problems' });
    expect(problems.textContent).toContain('3:10');
    expect(problems.textContent).toContain('Unexpected "a"');
    expect(screen.getByRole('button', { name: 'Mint signed JWT' })).toHaveProperty('disabled', true);
  });
  it('names an unknown role at its place and suggests the close one', () => {
    render(<Harness initial={alice} client={fakeClient(() => ({}))} />);
    fireEvent.change(screen.getByLabelText('Claims JSON'), { target: { value: '{"role": "user"}' } });
    expect(screen.getByRole('alert', { name: 'Claims problems' }).textContent).toMatch(
      /1:10 Unknown role "user".*"app_user"/,
    );
  });
  it('picks the role from request roles first and adds discovered claims', () => {
    render(<Harness initial={alice} client={fakeClient(() => ({}))} />);
    const select = screen.getByLabelText('Role') as HTMLSelectElement;
    // Only roles the authenticator can become; the others are listed with why.
    expect([...select.querySelectorAll('optgroup')].map((g) => g.label)).toEqual([
      'Request roles (the authenticator may switch to)',
    ]);
    expect([...select.options].map((o) => o.value)).not.toContain('developer');
    expect(screen.getByLabelText('Roles PostgREST cannot become').textContent).toContain(
      'developer: authenticator is not a member of developer',
    );
    fireEvent.change(select, { target: { value: 'app_admin' } });
    expect(JSON.parse(screen.getByTestId('claims').textContent!)).toEqual({
      role: 'app_admin',
      sub: 'alice',
    });
    fireEvent.click(screen.getByRole('button', { name: '+ tenant' }));
    expect(JSON.parse(screen.getByTestId('claims').textContent!)).toEqual({
      role: 'app_admin',
      sub: 'alice',
      tenant: '',
    });
    expect(screen.queryByRole('button', { name: '+ sub' })).toBeNull();
  });
  it('mints a JWT for valid claims with the connection secret', async () => {
    const client = fakeClient((name) => (name === 'actAs.mintJwt' ? { token: 'h.p.s' } : {}));
    render(<Harness initial={alice} client={client} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Mint signed JWT' })));
    expect((screen.getByLabelText('Minted JWT') as HTMLInputElement).value).toBe('h.p.s');
    expect(client.calls[0]).toEqual([
      'actAs.mintJwt',
      { claims: { role: 'app_user', sub: 'alice' }, connectionId: 'c1' },
    ]);
  });
  it('explains a refused token exactly as PostgREST answers', async () => {
    const client = fakeClient((name) =>
      name === 'actAs.decodeJwt'
        ? {
            header: { alg: 'HS256' },
            claims: { role: 'app_user' },
            valid: false,
            role: null,
            error: {
              code: 'PGRST301',
              message: 'JWT cryptographic operation failed',
              details: null,
              hint: null,
            },
          }
        : {},
    );
    render(<Harness initial={{ ...alice, kind: 'jwt', token: 'Bearer x.y.z' }} client={client} />);
    await waitFor(() => expect(screen.getByText(/PostgREST would refuse this token/)).toBeTruthy());
    expect(screen.getByText('JWT cryptographic operation failed')).toBeTruthy();
    expect(client.calls[0]).toEqual(['actAs.decodeJwt', { token: 'x.y.z', connectionId: 'c1' }]);
  });
});
