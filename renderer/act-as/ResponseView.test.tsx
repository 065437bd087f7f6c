import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ResponseView } from './ResponseView.js';
import { fakeClient, Providers } from './test-utils.js';

afterEach(cleanup);

const result = (postgrestVersion: 12 | 13 | 14 | 16) => ({
  response: {
    status: 200,
    statusText: null,
    headers: [['Content-Type', 'application/json; charset=utf-8']] as [string, string][],
    body: '[{"id":1}]',
  },
  sql: [],
  context: null,
  rowCheck: null,
  committed: false,
  postgrestVersion,
  timing: { authMs: 0, parseMs: 0, planMs: 0, renderMs: 0, executeMs: 0, totalMs: 1 },
});

describe('the response view', () => {
  it.each([12, 14, 16] as const)('says which PostgREST major answered (%i)', (v) => {
    render(
      <Providers client={fakeClient(() => null)}>
        <ResponseView
          connectionId="c1"
          result={result(v)}
          method="GET"
          persona={{ type: 'anon' }}
          catalog={null}
          schemas={[]}
        />
      </Providers>,
    );
    expect(screen.getByTestId('postgrest-version').textContent).toBe(`PostgREST ${v}`);
  });
});
