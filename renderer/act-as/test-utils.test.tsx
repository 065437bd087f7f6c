import { describe, expect, it } from 'vitest';
import { GatehouseError } from '../../shared/errors.js';
import { fakeClient } from './test-utils.js';

describe('fakeClient', () => {
  it('answers on the contract, like the host', async () => {
    const client = fakeClient(() => ({ connections: [] }));
    expect(await client.call('connections.list', {})).toEqual({ connections: [] });
    expect(client.calls).toEqual([['connections.list', {}]]);
  });

  it('refuses an answer the host could never give', async () => {
    const client = fakeClient(() => ({ connections: 'none' }));
    await expect(client.call('connections.list', {})).rejects.toMatchObject({ code: 'GH300' });
  });

  it('refuses an input off the contract', async () => {
    const client = fakeClient(() => ({ deleted: true }));
    // @ts-expect-error: the point is an input the types would not allow
    await expect(client.call('connections.delete', { id: 42 })).rejects.toThrow(/off the contract/);
  });

  it('passes a GatehouseError through as the call error', async () => {
    const client = fakeClient(() => {
      throw new GatehouseError('GH108', 'No open connection "x".');
    });
    await expect(client.call('connections.list', {})).rejects.toMatchObject({ code: 'GH108' });
  });
});
