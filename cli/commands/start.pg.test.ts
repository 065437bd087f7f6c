import { chmodSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runBin } from '../../test/run-bin.js';
import { runStart } from './start.js';

// `gatehouse start` end to end on its own embedded cluster: printed address, token, API as developer.
describe('gatehouse start', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gh-start-'));
  chmodSync(dataDir, 0o755);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('serves the studio connected as developer and never prints a password', async () => {
    const out: string[] = [];
    let stop: () => void = () => undefined;
    const until = new Promise<void>((resolve) => (stop = resolve));
    const io = {
      stdout: (t: string) => out.push(t),
      stderr: (t: string) => out.push(t),
      env: { GATEHOUSE_DATA_DIR: dataDir, CI: 'true' },
    };
    const running = runStart({ port: 0, open: false }, io, until);
    for (let i = 0; i < 600 && !out.join('').includes('Ctrl+C'); i++)
      await new Promise((r) => setTimeout(r, 100));
    const text = out.join('');
    const url = /Gatehouse studio: (http:\/\/127\.0\.0\.1:(\d+)\/\?token=(\S+))/.exec(text);
    expect(url, text).not.toBeNull();
    const [, , port, token] = url as unknown as [string, string, string, string];
    const reply = await fetch(`http://127.0.0.1:${port}/api/call/connections.status`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-gatehouse-token': token,
        origin: `http://127.0.0.1:${port}`,
      },
      body: '{}',
    });
    const body = (await reply.json()) as {
      ok: boolean;
      value: { defaultId: string; connections: { whoami: { currentUser: string; superuser: boolean } }[] };
    };
    expect(body.ok).toBe(true);
    expect(body.value.defaultId).toBe('embedded-demo');
    expect(body.value.connections[0]?.whoami).toMatchObject({ currentUser: 'developer', superuser: false });
    // The printed URI works as it is (its password comes from the passfile), here with `gatehouse catalog`.
    const uri = /^ {2}(postgresql:\/\/developer@127\.0\.0\.1:\d+\/gatehouse_demo\?\S+)$/m.exec(text)?.[1];
    expect(uri, text).toBeDefined();
    const catalog = await runBin(['catalog', '--db', uri ?? '']);
    expect(catalog.stderr).toBe('');
    expect(catalog.status).toBe(0);
    expect(catalog.stdout).toContain('gatehouse_demo');
    stop();
    expect(await running).toBe(0);
    const secrets = JSON.parse(readFileSync(join(dataDir, 'embedded', 'secrets.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    for (const value of Object.values(secrets)) {
      if (typeof value === 'string') expect(out.join('')).not.toContain(value);
    }
    expect(out.join('')).toContain('first run');
  }, 120_000);
});
