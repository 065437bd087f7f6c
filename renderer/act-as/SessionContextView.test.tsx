import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { SessionContextView } from './SessionContextView.js';

afterEach(cleanup);

const ctx = {
  role: 'app_user',
  claims: { role: 'app_user' },
  method: 'POST',
  path: '/',
  headers: [],
  cookies: [],
  searchPath: ['api'],
  roleSettings: [],
  appSettings: [],
  functionSettings: [],
  timezone: null,
  preRequest: { schema: 'api', name: 'check_request' },
  isolationLevel: 'read committed' as const,
  readOnly: false,
};

describe('SessionContextView', () => {
  it('names the pre-request function the session ran', () => {
    render(<SessionContextView ctx={ctx} />);
    expect(screen.getByText('api.check_request()')).toBeTruthy();
  });
  it('shows an unqualified pre-request without a leading dot, and none as a dash', () => {
    const { rerender } = render(
      <SessionContextView ctx={{ ...ctx, preRequest: { schema: '', name: 'pre' } }} />,
    );
    expect(screen.getByText('pre()')).toBeTruthy();
    rerender(<SessionContextView ctx={{ ...ctx, preRequest: null }} />);
    expect(screen.getByText('—')).toBeTruthy();
  });
});

describe('SessionContextView after the pre-request', () => {
  it('lists cookies readably and shows the role and claims the pre-request switched to', () => {
    render(
      <SessionContextView
        ctx={{
          ...ctx,
          role: 'anon',
          cookies: [['session', 'alice-session']],
          preRequest: { schema: 'app', name: 'check_session' },
          afterPreRequest: {
            role: 'app_user',
            claims: { role: 'app_user', sub: 'alice' },
            changed: [['request.jwt.claims', '{"role":"app_user","sub":"alice"}']],
          },
        }}
      />,
    );
    expect(screen.getByLabelText('Request cookies').textContent).toBe('session = alice-session');
    expect(screen.getByText('After app.check_session() ran')).toBeTruthy();
    expect(screen.getByText('(was anon)')).toBeTruthy();
    expect(screen.getByLabelText('Settings the pre-request changed').textContent).toContain(
      'request.jwt.claims',
    );
  });
});
