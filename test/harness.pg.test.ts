import { describe, expect, it } from 'vitest';
import { pgServers, superuserQuery } from './pg.js';

describe.each(pgServers())('test servers ($label)', (server) => {
  it('answers with the expected major version', async () => {
    const { rows } = await superuserQuery(server, "SELECT current_setting('server_version_num')::int AS v");
    expect(Math.floor((rows[0] as { v: number }).v / 10000)).toBe(server.major);
  });
});
