import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { freePort } from '../core/embedded/free-port.js';
import { runBin } from '../test/run-bin.js';

// The bin entry as a child process: in-process runCli tests are what missed every failure exiting 0.
const dir = mkdtempSync(join(tmpdir(), 'gatehouse-cli-'));
const brokenConf = join(dir, 'broken.conf');
writeFileSync(brokenConf, 'db-schemas = "api"\ndb-tx-end = "sometimes"\n');

describe('gatehouse exit statuses (child process)', () => {
  it.each([
    [['nosuchcmd'], 2, 'gatehouse: unknown command "nosuchcmd".'],
    [[], 2, 'gatehouse: no command given.'],
    [['--frobnicate'], 2, 'gatehouse: unknown option "--frobnicate".'],
    [
      ['catalog'],
      2,
      'gatehouse catalog: --db is required (e.g. --db postgresql://developer@localhost:5432/app).',
    ],
    [['catalog', '--db', 'x', '--bogus'], 2, "gatehouse catalog: Unknown option '--bogus'"],
    [
      ['request', '--db', 'x'],
      2,
      "gatehouse request: the request is missing: give it as 'GET /table?select=col' (quoted).",
    ],
    [
      ['request', 'GET /x', '--db', 'x'],
      2,
      'gatehouse request: say who the request runs as: exactly one of --jwt, --claims or --anon',
    ],
    [['serve'], 2, 'gatehouse serve: --db is required'],
    [
      ['serve', '--db', 'x', '--port', 'http'],
      2,
      'gatehouse serve: --port needs a port number from 0 to 65535',
    ],
    [['conformance'], 2, 'gatehouse conformance: the cases file is missing (e.g. cases.json).'],
    [
      ['conformance', 'c.json'],
      2,
      'gatehouse conformance: --fixture is required (e.g. --fixture fixture.sql).',
    ],
    [['start', '--verbose'], 2, 'gatehouse start: unknown option "--verbose".'],
    [['start', '--port', '99999'], 2, 'gatehouse start: --port needs a port number'],
  ])('gatehouse %j exits %i', async (args, status, first) => {
    const r = await runBin(args);
    expect(r.status).toBe(status);
    expect(r.firstErrorLine.startsWith(first), r.stderr).toBe(true);
  });

  it('a malformed URI is a failure (1), not a usage error', async () => {
    const r = await runBin(['catalog', '--db', 'postgres://%%bad']);
    expect(r.status).toBe(1);
    expect(r.firstErrorLine).toMatch(/^error GH103: The connection string is malformed/);
  });

  it('an unreachable server exits 1 naming host and port', async () => {
    const r = await runBin(['catalog', '--db', 'postgresql://x@127.0.0.1:1/x']);
    expect(r.status).toBe(1);
    expect(r.firstErrorLine).toBe('error GH100: Could not reach the database server at 127.0.0.1:1.');
  });

  it('a missing or broken --config exits 1 naming the file', async () => {
    const missing = await runBin([
      'request',
      'GET /x',
      '--db',
      'x',
      '--anon',
      '--config',
      join(dir, 'nope.conf'),
    ]);
    expect(missing.status).toBe(1);
    expect(missing.firstErrorLine).toMatch(/^error GH400: .*nope\.conf/);
    const broken = await runBin(['serve', '--db', 'x', '--config', brokenConf]);
    expect(broken.status).toBe(1);
    expect(broken.firstErrorLine).toMatch(/^error GH401: .*broken\.conf:2/);
  });

  it('request without --config says which defaults it assumed', async () => {
    const port = await freePort();
    const r = await runBin(['request', 'GET /x', '--db', `postgresql://x@127.0.0.1:${port}/x`, '--anon']);
    expect(r.firstErrorLine).toBe(
      "gatehouse request: no --config given; using PostgREST's defaults and any PGRST_* variables:",
    );
    expect(r.stderr).toContain('jwt-secret = (unset: every request with a token is refused with PGRST300');
    // PostgREST's answer (401 PGRST302, no anon role) was produced: 0, unless --fail asks for curl's rule.
    expect(r.stdout).toMatch(/^HTTP\/1.1 401 Unauthorized\n/);
    expect(r.status).toBe(0);
    const failing = await runBin([
      'request',
      'GET /x',
      '--db',
      `postgresql://x@127.0.0.1:${port}/x`,
      '--anon',
      '--fail',
    ]);
    expect(failing.status).toBe(1);
  });

  it('--help per command lists its flags and an example; --version prints the version', async () => {
    for (const name of ['start', 'request', 'serve', 'conformance', 'catalog']) {
      const r = await runBin([name, '--help']);
      expect(r.status, name).toBe(0);
      expect(r.stdout, name).toMatch(new RegExp(`^Usage: gatehouse ${name}`));
      expect(r.stdout, name).toMatch(/Examples?:\n {2}gatehouse /);
    }
    const v = await runBin(['--version']);
    expect(v.status).toBe(0);
    expect(v.stdout).toMatch(/^gatehouse \d+\.\d+\.\d+\n$/);
    const h = await runBin(['--help']);
    expect(h.status).toBe(0);
    expect(h.stdout).toContain('Exit status: 0 success, 1 failure');
  });
});
