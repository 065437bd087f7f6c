import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigDialog } from './Dialogs.js';
import { fakeClient, Providers } from './test-utils.js';

afterEach(cleanup);

describe('ConfigDialog', () => {
  it('shows the PostgREST version the connection answers as and saves a new choice with the text', async () => {
    const client = fakeClient((name) =>
      name === 'actAs.config.get'
        ? { text: 'db-schemas = "api"', effective: {}, problem: null, postgrestVersion: 14 }
        : { effective: {} },
    );
    render(
      <Providers client={client}>
        <ConfigDialog connectionId="c1" onClose={() => undefined} />
      </Providers>,
    );
    const select = await screen.findByLabelText<HTMLSelectElement>('PostgREST version');
    await waitFor(() => expect(select.value).toBe('14'));
    expect([...select.options].map((o) => o.value)).toEqual(['12', '13', '14', '16']);
    fireEvent.change(select, { target: { value: '12' } });
    fireEvent.click(screen.getByRole('button', { name: 'Apply' }));
    await waitFor(() =>
      expect(client.calls.find(([n]) => n === 'actAs.config.set')?.[1]).toEqual({
        connectionId: 'c1',
        text: 'db-schemas = "api"',
        postgrestVersion: 12,
      }),
    );
  });

  it('says why the chosen major would not start with the configuration', async () => {
    const problem =
      'PostgREST 16 does not start: the JWT secret must be at least 32 characters long (12 took a shorter one).';
    const client = fakeClient(() => ({
      text: 'jwt-secret = "short"',
      effective: {},
      problem,
      postgrestVersion: 16,
    }));
    render(
      <Providers client={client}>
        <ConfigDialog connectionId="c1" onClose={() => undefined} />
      </Providers>,
    );
    expect((await screen.findByRole('alert', { name: 'Configuration problem' })).textContent).toBe(problem);
  });

  it('opens on the setting a link names: its line selected, or a note that it is not set', async () => {
    const text = 'db-uri = "postgresql://auth@/app"\ndb-schemas = "api, pg_catalog"';
    const client = fakeClient(() => ({ text, effective: {}, problem: null, postgrestVersion: 16 }));
    const { unmount } = render(
      <Providers client={client}>
        <ConfigDialog connectionId="c1" setting="db-schemas" onClose={() => undefined} />
      </Providers>,
    );
    const area = await screen.findByLabelText<HTMLTextAreaElement>('postgrest.conf');
    await waitFor(() =>
      expect(area.value.slice(area.selectionStart, area.selectionEnd)).toBe('db-schemas = "api, pg_catalog"'),
    );
    expect(document.activeElement).toBe(area);
    unmount();
    render(
      <Providers client={client}>
        <ConfigDialog connectionId="c1" setting="db-pre-request" onClose={() => undefined} />
      </Providers>,
    );
    expect((await screen.findByRole('note')).textContent).toMatch(/^db-pre-request is not set here/);
  });
});
