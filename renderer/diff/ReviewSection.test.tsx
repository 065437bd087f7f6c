import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { DiffReview } from '../../shared/diff/review.js';
import { ReviewSection } from './ReviewSection.js';

const total = { kind: 'function', schema: 'api', name: 'total', args: 'integer' } as const;

const review: DiffReview = {
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
      object: total,
      privilege: 'EXECUTE',
      methods: ['GET', 'POST'],
      path: '/rpc/total',
      columns: null,
      sentence: 'anon gains EXECUTE on api.total(integer) (POST /rpc/total)',
    },
  ],
  roles: [],
  assumptions: [],
};

describe('ReviewSection', () => {
  it('says which objects the migration does not write, and marks what the review says of them', () => {
    render(
      <ReviewSection
        review={review}
        unwritable={[
          {
            changeId: 'function:add:api.total(integer)',
            object: total,
            reason: 'The aggregate api.total cannot be written from the model.',
            hint: null,
          },
        ]}
        onOpen={() => undefined}
      />,
    );
    expect(screen.getByRole('note', { name: 'Not written by the migration' }).textContent).toContain(
      'api.total(integer)',
    );
    const item = screen.getByRole('button', { name: /anon gains EXECUTE/ });
    expect(within(item).getByText('not written')).toBeTruthy();
  });
});
