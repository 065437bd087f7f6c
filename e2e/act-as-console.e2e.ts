import { SignJWT } from 'jose';
import { afterEach, describe, expect, it } from 'vitest';
import { connectToDemo } from './support/connect-demo.js';
import { demoStory } from './support/story.js';

const SECRET = 'e2e-act-as-secret-0123456789abcdefghijklmnop';

/**
 * The act-as console on the demo shop: "what does Alice get when she calls this?" — personas, requests, errors
 * explained, commit vs rollback, comparing personas, and a 10,000-row answer in the virtualised grid.
 */
describe('act-as console stories', () => {
  const story = demoStory({
    prepare: async (demo) => {
      // A big read for the grid budget, created by the owner before the studio reads the catalog.
      await demo.asDeveloper(async (dev) => {
        await dev.query(
          `CREATE VIEW api.numbers AS SELECT g AS id, 'row ' || g AS label, g * 2 AS doubled, (g % 7 = 0) AS lucky
           FROM generate_series(1, 10000) AS g`,
        );
        await dev.query(`GRANT SELECT ON api.numbers TO "${demo.names.anon}"`);
      });
    },
  });

  // Any uncaught error in the page fails the story it happened in (Monaco's service errors included).
  afterEach(() => {
    const errors = story.browser.pageErrors.splice(0);
    expect(errors).toEqual([]);
  });

  const persona = (name: string) =>
    story.browser.page
      .getByRole('listbox', { name: 'Persona list' })
      .getByRole('option', { name: new RegExp(`^${name}`) });

  /** Replaces the claims text of the selected persona (Monaco: select all, then insert). */
  async function setClaims(json: string) {
    const { page } = story.browser;
    const editor = page.locator('[data-testid^="editor-claims/"] .monaco-editor');
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(json);
  }

  async function newPersona(name: string, claims: string) {
    const { page } = story.browser;
    await page.getByRole('button', { name: '+ New' }).click();
    await page.getByLabel('Persona name').fill(name);
    await setClaims(claims);
    await page.getByRole('alert', { name: 'Claims problems' }).waitFor({ state: 'detached' });
  }

  async function request(method: string, path: string, body?: string) {
    const { page } = story.browser;
    await page.getByLabel('Method').selectOption(method);
    const input = page.getByLabel('Request path');
    await input.fill(path);
    await page.keyboard.press('Escape'); // close the completion list
    if (body !== undefined) {
      const editor = page.locator('[data-testid="editor-request/body.json"] .monaco-editor');
      await editor.waitFor({ timeout: 30_000 });
      await editor.click();
      await page.keyboard.press('Control+a');
      await page.keyboard.press('Delete');
      await page.keyboard.insertText(body);
    }
  }

  const historyCount = async () =>
    Number(
      /\((\d+)\)/.exec(
        (await story.browser.page.getByRole('tab', { name: /^History/ }).textContent()) ?? '',
      )?.[1] ?? 0,
    );

  /** Ctrl+Enter in the path, then waits for this answer (the history grows by one per answer). */
  async function send(): Promise<number> {
    const { page } = story.browser;
    const before = await historyCount();
    await page.getByLabel('Request path').focus();
    await page.keyboard.press('Control+Enter');
    await page.getByRole('tab', { name: `History (${before + 1})` }).waitFor({ timeout: 30_000 });
    return Number(await page.getByTestId('status').textContent());
  }

  it('connects, opens the console and configures PostgREST', async () => {
    const { page } = story.browser;
    await page.goto(story.studio.server.url);
    await connectToDemo(page, story.demo);
    // the landing page points to the two first things to try
    const first = page.getByRole('list', { name: 'Try first' });
    expect(await first.textContent()).toContain('Browse api.');
    await first.getByRole('button', { name: 'Act as a persona' }).click();
    await page.getByRole('heading', { name: 'Personas' }).waitFor();
    await page.getByRole('button', { name: 'PostgREST config' }).click();
    await page.getByLabel('postgrest.conf').fill(
      [
        `db-uri = "postgres://${story.demo.names.authenticator}@${story.demo.host}:${story.demo.port}/${story.demo.names.database}"`,
        'db-schemas = "api"',
        `db-anon-role = "${story.demo.names.anon}"`,
        `jwt-secret = "${SECRET}"`,
        // The demo's cookie sessions (sql/demo/05-sessions.sql): no cookie, no change.
        'db-pre-request = "app.check_session"',
      ].join('\n'),
    );
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByText(`api · ${story.demo.names.anon} · secret set`).waitFor();
    // reopened, the stored config shows its secret masked until revealed
    await page.getByRole('button', { name: 'PostgREST config' }).click();
    const conf = page.getByLabel('postgrest.conf');
    expect(await conf.inputValue()).toContain('jwt-secret = "••••••••"');
    expect(await conf.inputValue()).not.toContain(SECRET);
    await page.getByLabel(/Reveal secrets/).check();
    expect(await conf.inputValue()).toContain(SECRET);
    await page.getByRole('dialog').getByRole('button', { name: 'Close' }).last().click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await story.browser.shot('act-as-01-empty');
  });

  it('a user sees only her own orders, an admin sees all, anonymous is refused', async () => {
    const { page } = story.browser;
    // anonymous: no grant on orders → 401 with the grants tab to look at
    await persona('anonymous').click();
    await request('GET', '/orders?select=id,user_id,status&order=id');
    expect(await send()).toBe(401);
    const alert = page.locator('.aa-error');
    expect(await alert.textContent()).toContain('permission denied for table orders');
    expect(await alert.textContent()).toContain('has no SELECT privilege');
    await alert.getByRole('button', { name: /Open Grants of api\.orders/ }).waitFor();
    await story.browser.shot('act-as-02-anonymous-refused');

    await newPersona('alice', `{"role": "${story.demo.names.appUser}", "sub": "alice"}`);
    expect(await send()).toBe(200);
    const grid = page.getByRole('grid', { name: 'Response rows' });
    expect(await grid.getAttribute('aria-rowcount')).toBe('3'); // header + 2 rows
    expect(await grid.textContent()).not.toContain('bob');
    expect(await page.getByText('rolled back', { exact: true }).first().isVisible()).toBe(true);
    await story.browser.shot('act-as-03-alice-orders');

    await newPersona('admin', `{"role": "${story.demo.names.appAdmin}", "sub": "root"}`);
    expect(await send()).toBe(200);
    expect(await grid.getAttribute('aria-rowcount')).toBe('5');
    expect(await grid.textContent()).toContain('bob');

    // the same request side by side
    await page.getByRole('tab', { name: 'Compare personas' }).click();
    await page.getByRole('button', { name: 'Compare' }).click();
    const table = page.getByRole('table', { name: 'Rows by persona' });
    await table.waitFor();
    // anonymous sees no row at all, alice two of the four
    expect(await table.locator('tr.aa-only').count()).toBe(4);
    expect(await table.locator('tr', { hasText: 'user_id=bob' }).locator('.aa-unseen').count()).toBe(2);
    expect(await page.getByLabel('Statuses').textContent()).toContain('401');
    await story.browser.shot('act-as-04-compare');
    await page.getByRole('tab', { name: 'Request' }).click();
  });

  it('shows how PostgREST got there and explains the plan', async () => {
    const { page } = story.browser;
    await persona('alice').click();
    await request('GET', '/orders?select=id,status,order_items(quantity)&status=eq.open');
    expect(await send()).toBe(200);
    await page.getByRole('tab', { name: 'How PostgREST got there' }).click();
    const ctx = page.getByLabel('Transaction context');
    expect(await ctx.textContent()).toContain(story.demo.names.appUser);
    expect(await ctx.textContent()).toContain('"sub":"alice"');
    await page.getByRole('button', { name: 'EXPLAIN', exact: true }).click();
    const plan = page.getByRole('tree', { name: 'Query plan' });
    await plan.waitFor();
    expect(await plan.textContent()).toMatch(/Scan|Aggregate|Result/);
    // A tree, with the filter alice's policy added named (never the admin's USING (true)).
    expect(await plan.textContent()).toContain('policy orders_owner');
    expect(await plan.textContent()).not.toContain('orders_admin');
    await story.browser.shot('act-as-05-how');
    await plan.scrollIntoViewIfNeeded();
    await story.browser.shot('act-as-05b-plan');
  });

  it('a bad token is explained', async () => {
    const { page } = story.browser;
    const forged = await new SignJWT({ role: story.demo.names.appAdmin, sub: 'mallory' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .sign(new TextEncoder().encode('not-the-secret-not-the-secret-not-the-secret'));
    await page.getByRole('button', { name: '+ New' }).click();
    await page.getByLabel('Persona name').fill('forged');
    await page.getByRole('radio', { name: 'Bearer token' }).click();
    await page.getByLabel('Bearer JWT').fill(`Bearer ${forged}`);
    const refused = page.getByText('PostgREST would refuse this token');
    await refused.waitFor();
    expect(await page.locator('.aa-decoded').textContent()).toContain('PGRST301');
    expect(await page.locator('.aa-decoded').textContent()).toContain('mallory');
    await request('GET', '/orders');
    expect(await send()).toBe(401);
    expect(await page.locator('.aa-error').textContent()).toContain('signature');
    await story.browser.shot('act-as-06-bad-token');
  });

  it('bad input is shown where it is and nothing is sent', async () => {
    const { page } = story.browser;
    await persona('alice').click();
    await setClaims('{"role": "app_usr", "sub": alice}');
    const problems = page.getByRole('alert', { name: 'Claims problems' });
    await problems.waitFor();
    expect(await problems.textContent()).toContain('1:28');
    await request('GET', '/orders?select=id,order_items(quantity');
    expect(await page.getByRole('alert', { name: 'Path problems' }).textContent()).toContain('never closed');
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await story.browser.shot('act-as-07-bad-input');
    await setClaims('{"role": "app_usr", "sub": "alice"}');
    expect(await problems.textContent()).toContain('Unknown role "app_usr"');
    await setClaims(`{"role": "${story.demo.names.appUser}", "sub": "alice"}`);
    await problems.waitFor({ state: 'detached' });
  });

  it('an insert rejected by a WITH CHECK policy shows the policy', async () => {
    const { page } = story.browser;
    await persona('alice').click();
    await request('POST', '/orders', '{"user_id": "bob", "status": "open"}');
    expect(await send()).toBe(403);
    const alert = page.locator('.aa-error');
    expect(await alert.textContent()).toContain('new row violates row-level security policy');
    const policies = page.getByLabel('Policies involved');
    expect(await policies.textContent()).toContain('orders_owner');
    expect(await policies.textContent()).toContain("current_setting('request.jwt.claims'");
    await story.browser.shot('act-as-08-with-check');
    await alert.getByRole('button', { name: /Open Policies of api\.orders/ }).click();
    await page.getByRole('article', { name: 'policy orders_owner' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Personas' }).waitFor();
  });

  it('a committed write is visible afterwards, an uncommitted one is not', async () => {
    const { page } = story.browser;
    await persona('alice').click();
    const count = async () => {
      await request('GET', '/orders?select=id&user_id=eq.alice');
      expect(await send()).toBe(200);
      return (
        Number(await page.getByRole('grid', { name: 'Response rows' }).getAttribute('aria-rowcount')) - 1
      );
    };
    expect(await count()).toBe(2);
    await request('POST', '/orders', '{"status": "open"}');
    expect(await send()).toBe(201);
    await page.locator('.aa-response-head').getByText('rolled back').waitFor();
    expect(await count()).toBe(2);

    await request('POST', '/orders', '{"status": "open"}');
    await page.locator('label.aa-commit').first().click();
    await page.getByLabel('Request path').focus();
    await page.keyboard.press('Control+Enter');
    const dialog = page.getByRole('dialog', { name: 'Commit this run?' });
    await dialog.waitFor();
    await story.browser.shot('act-as-09-commit-confirm');
    await dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    await page.locator('.aa-response-head').getByText('committed', { exact: true }).waitFor();
    expect(Number(await page.getByTestId('status').textContent())).toBe(201);
    await story.browser.shot('act-as-10-committed');
    expect(await count()).toBe(3);
  });

  it('keeps a history that re-runs and exports curl', async () => {
    const { page } = story.browser;
    await page.getByRole('tab', { name: /History/ }).click();
    const list = page.getByRole('list', { name: 'History' });
    expect(await list.locator('li').count()).toBeGreaterThan(8);
    await list.locator('li').first().getByRole('button', { name: 'curl' }).click();
    const curl = (await page.getByLabel('Exported curl').inputValue()) ?? '';
    expect(curl).toMatch(
      /^curl -i 'http:\/\/localhost:3000\/orders\?select=id&user_id=eq.alice' -H 'Authorization: Bearer ey/,
    );
    await list.locator('li').first().getByRole('button', { name: 'Corpus case' }).click();
    expect(await page.getByLabel('Exported corpus case').inputValue()).toContain('"claims"');
    await story.browser.shot('act-as-11-history');
    // The host keeps the history (no token in it): a reloaded tab finds every run, and curl still has the token.
    const kept = await list.locator('li').count();
    await page.reload();
    await page.getByRole('tab', { name: `History (${kept})` }).click({ timeout: 30_000 });
    await list.locator('li').first().getByRole('button', { name: 'curl' }).click();
    expect(await page.getByLabel('Exported curl').inputValue()).toContain("-H 'Authorization: Bearer ey");
    await page.getByRole('tab', { name: 'Request' }).click();
  });

  it('renders a 10,000-row answer in the virtualised grid within budget', async () => {
    const { page } = story.browser;
    await persona('anonymous').click();
    await request('GET', '/numbers');
    expect(await send()).toBe(200);
    const grid = page.getByRole('grid', { name: 'Response rows' });
    expect(await grid.getAttribute('aria-rowcount')).toBe('10001');
    const ms = Number(await page.getByTestId('grid-ms').getAttribute('data-ms'));
    process.stdout.write(`act-as grid: 10,000 rows rendered ${ms.toFixed(1)} ms after arrival\n`);
    expect(ms).toBeLessThanOrEqual(300);
    expect(await grid.locator('[role=row]').count()).toBeLessThan(100);
    await grid.evaluate((el) => (el.scrollTop = 5_395 * 28));
    await grid.getByRole('gridcell', { name: 'row 5400' }).waitFor();
    await story.browser.shot('act-as-12-ten-thousand-rows');
  });

  it('runs SQL as the persona, rolled back', async () => {
    const { page } = story.browser;
    await persona('alice').click();
    await page.getByRole('tab', { name: 'SQL as persona' }).click();
    await page.getByRole('button', { name: 'Run' }).click();
    const result = page.getByRole('grid', { name: 'Result 1' });
    await result.waitFor();
    expect(await result.textContent()).toContain(story.demo.names.appUser);
    expect(await result.textContent()).toContain('alice');
    await page.locator('.aa-sql-results').getByText('rolled back').waitFor();
    // The session it ran in, as for a request (pre-request included).
    await page.locator('.aa-sql-results').getByText('Session context').click();
    expect(await page.locator('.aa-sql-results').getByLabel('Transaction context').textContent()).toContain(
      'pre-request',
    );
    await story.browser.shot('act-as-13-sql');

    // a long query is cancellable
    const editor = page.locator('[data-testid="editor-console/persona.sql"] .monaco-editor');
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText('select pg_sleep(20)');
    const started = Date.now();
    await page.getByRole('button', { name: 'Run' }).click();
    // a long run shows a spinner and the elapsed time beside Cancel
    await page.getByTestId('running').waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    const error = page.locator('.aa-sql-results .callout.error');
    await error.waitFor();
    expect(await error.textContent()).toContain('57014');
    expect(Date.now() - started).toBeLessThan(10_000);
    await story.browser.shot('act-as-14-cancelled');
    // no CSP violations or uncaught errors (a chunk missing while another run rebuilds dist/ is not ours)
    expect(
      story.browser.problems.filter((p) =>
        /Content Security Policy|Uncaught|TypeError|ReferenceError/.test(p),
      ),
    ).toEqual([]);
  });

  it('completes claims from the JSON schema and reads well in the dark theme', async () => {
    const { page } = story.browser;
    await newPersona('carol', `{"role": "${story.demo.names.appUser}", "sub": "carol"}`);
    // an empty property name on its own line; the cursor goes between its quotes (typing stays plain: Monaco
    // auto-closes brackets and quotes, which the closing characters overtype)
    await setClaims(`{"role": "${story.demo.names.appUser}", "sub": "carol",\n""\n}`);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget');
    await suggest.waitFor({ timeout: 15_000 });
    await expect.poll(async () => (await suggest.textContent()) ?? '', { timeout: 10_000 }).toContain('exp');
    await story.browser.shot('act-as-15-claims-completion');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Request' }).click();
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await page.getByRole('heading', { name: 'Personas' }).waitFor();
    await story.browser.shot('act-as-16-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  });

  it("says why a PATCH of bob's order as alice changed nothing (RLS filtered it silently)", async () => {
    const { page } = story.browser;
    await persona('alice').click();
    await request('PATCH', '/orders?id=eq.3', '{"status": "paid"}');
    expect(await send()).toBe(204);
    const check = page.getByTestId('row-check');
    await check.waitFor();
    expect(await check.textContent()).toContain(
      `0 of 1 matching rows updated — hidden from ${story.demo.names.appUser} by the USING clause of policy orders_owner`,
    );
    expect(await check.getByLabel('Policies that apply').textContent()).toContain('orders_owner');
    await story.browser.shot('act-as-17-silent-update');
    await check.getByRole('button', { name: /Open Policies of api\.orders/ }).click();
    await page.getByRole('article', { name: 'policy orders_owner' }).waitFor();
    await page.goBack();
    await page.getByRole('heading', { name: 'Personas' }).waitFor();
    // a read says how many rows of the filter's the persona sees
    await persona('alice').click();
    await request('GET', '/orders?select=id');
    expect(await send()).toBe(200);
    // alice sees her own orders of all of them (the committed story above added one of hers)
    expect(await page.getByTestId('row-check').textContent()).toMatch(
      new RegExp(
        `^(\\d+) of (\\d+) rows visible — hidden from ${story.demo.names.appUser} by the USING clause of policy orders_owner`,
      ),
    );
  });

  it('explains a column grant: UPDATE is granted on status only', async () => {
    const { page } = story.browser;
    await persona('alice').click();
    await request('PATCH', '/orders?id=eq.1', '{"user_id": "bob"}');
    expect(await send()).toBe(403);
    const alert = page.locator('.aa-error');
    expect(await alert.textContent()).toContain(
      `UPDATE on orders is granted to ${story.demo.names.appUser} only on column status; user_id is not granted`,
    );
    await alert.getByRole('button', { name: /Open Grants of api\.orders/ }).waitFor();
    await story.browser.shot('act-as-18-column-grant');
  });

  it('a cookie session goes through the pre-request function, and its refusal is named', async () => {
    const { page } = story.browser;
    await page.getByRole('button', { name: '+ New' }).click();
    await page.getByLabel('Persona name').fill('cookie session of alice');
    await page.getByRole('radio', { name: 'No token' }).click();
    await page.getByRole('button', { name: '+ Cookie' }).click();
    await page.getByLabel('Persona header 1 value').fill('session=alice-session');
    await request('GET', '/orders?select=id,user_id&order=id');
    expect(await send()).toBe(200);
    const grid = page.getByRole('grid', { name: 'Response rows' });
    expect(Number(await grid.getAttribute('aria-rowcount'))).toBeGreaterThan(1);
    expect(await grid.textContent()).toContain('alice'); // her orders only, as with her JWT
    expect(await grid.textContent()).not.toContain('bob');
    // the rows are hidden from the role the session switched to, not from the anonymous one it started as
    expect(await page.getByTestId('row-check').textContent()).toContain(
      `hidden from ${story.demo.names.appUser} by the USING clause of policy orders_owner`,
    );
    await page.getByRole('tab', { name: 'How PostgREST got there' }).click();
    const after = page.getByRole('region', { name: 'After the pre-request' });
    await after.waitFor();
    expect(await after.textContent()).toContain('After app.check_session() ran');
    expect(await after.textContent()).toContain(`${story.demo.names.appUser} (was ${story.demo.names.anon})`);
    expect(await page.getByLabel('Request cookies').textContent()).toBe('session = alice-session');
    await story.browser.shot('act-as-19-cookie-session');

    await page.getByLabel('Persona header 1 value').fill('session=forged');
    expect(await send()).toBe(401);
    expect(await page.locator('.aa-status-text').textContent()).toContain(
      'Raised by the pre-request function app.check_session — not a JWT problem',
    );
    expect(await page.getByTestId('pre-request-error').textContent()).toContain('app.check_session()');
    await story.browser.shot('act-as-20-pre-request-refused');
  });

  it('marks the answer as stale after switching persona, and names whose answer it is', async () => {
    const { page } = story.browser;
    await persona('alice').click();
    await request('GET', '/orders?select=id,user_id&order=id');
    expect(await send()).toBe(200);
    expect(await page.getByTestId('answer-as').textContent()).toBe('as alice');
    await persona('admin').click();
    const note = page.getByTestId('stale-note');
    await note.waitFor();
    expect(await note.textContent()).toContain('as alice');
    expect(await note.textContent()).toContain('persona (was alice)');
    expect(await page.getByRole('region', { name: 'Response' }).getAttribute('data-stale')).toBe('true');
    await story.browser.shot('act-as-21-stale');
    expect(await send()).toBe(200);
    await note.waitFor({ state: 'detached' });
    expect(await page.getByTestId('answer-as').textContent()).toBe('as admin');
  });
  it('resizes the persona sidebar and the response pane, remembers both, and a double click resets', async () => {
    const { page } = story.browser;
    const sidebar = page.getByRole('separator', { name: 'Resize the persona sidebar' });
    const response = page.getByRole('separator', { name: 'Resize the response pane' });
    const personas = page.getByRole('complementary', { name: 'Personas' });
    const pane = page.getByRole('region', { name: 'Response' });
    const width = async () => (await personas.boundingBox())!.width;
    const height = async () => (await pane.boundingBox())!.height;
    const before = { width: await width(), height: await height() };
    // The sidebar by mouse, 80 px to the right.
    const box = (await sidebar.boundingBox())!;
    await page.mouse.move(box.x + 0.5, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + 80.5, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    expect(Math.round(await width())).toBe(Math.round(before.width + 80));
    // The response pane by keyboard: up grows a pane below the splitter.
    await response.focus();
    await page.keyboard.press('Shift+ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(Math.round(await height())).toBe(Math.round(before.height + 80));
    await story.browser.shot('act-as-22-resized');
    await page.reload();
    await page.getByRole('heading', { name: 'Personas' }).waitFor();
    expect(Math.round(await width())).toBe(Math.round(before.width + 80));
    await sidebar.dblclick();
    expect(Math.round(await width())).toBe(Math.round(before.width));
    await response.dblclick();
  });
});
