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
