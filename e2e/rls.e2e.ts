import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDevStudio, type DevStudio } from '../server/dev.js';
import { pgServers } from '../test/pg.js';
import { launchBrowser, type StudioBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { seedDemoDatabase, type DemoDatabase } from './support/demo-db.js';
import { connectToDemo } from './support/connect-demo.js';

const SECRET = 'e2e-rls-secret-0123456789abcdefghijklmnopqr';

/**
 * "Add an owner-only policy, watch the matrix change before apply, apply, confirm with the console" on the demo
 * shop, with a notes table that has RLS on and no policy yet (so every persona sees nothing).
 */
describe('RLS story: owner-only policy, previewed, applied, confirmed', () => {
  let demo: DemoDatabase;
  let studio: DevStudio;
  let browser: StudioBrowser;

  beforeAll(async () => {
    ensureRendererBuilt();
    const server = pgServers().find((s) => s.major === 18) ?? pgServers()[0]!;
    demo = await seedDemoDatabase(server);
    const dev = new pg.Client({
      host: demo.host,
      port: demo.port,
      user: demo.names.developer,
      password: demo.developerPassword,
      database: demo.names.database,
    });
    await dev.connect();
    await dev.query(`
      CREATE TABLE api.notes (
        id int PRIMARY KEY,
        owner_sub text NOT NULL DEFAULT (current_setting('request.jwt.claims', true)::json->>'sub'),
        body text NOT NULL
      );
      ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY;
      INSERT INTO api.notes VALUES (1, 'alice', 'a1'), (2, 'alice', 'a2'), (3, 'bob', 'b1');
      GRANT SELECT, INSERT, UPDATE, DELETE ON api.notes TO "${demo.names.appUser}";`);
    await dev.end();
    studio = await startDevStudio();
    browser = await launchBrowser();
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
    await demo?.drop();
  });

  const cell = (persona: string, relation: string, command: string) =>
    browser.page.locator(`[data-cell="${persona} ${relation} ${command}"]`);

  it('connects, configures PostgREST and saves a persona in the console', async () => {
    const { page } = browser;
    await page.goto(studio.server.url);
    await connectToDemo(page, demo);
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Act as' }).click();
    await page.getByRole('heading', { name: 'Personas' }).waitFor();
    await page.getByRole('button', { name: 'PostgREST config' }).click();
    await page
      .getByLabel('postgrest.conf')
      .fill(
        [
          `db-uri = "postgres://${demo.names.authenticator}@${demo.host}:${demo.port}/${demo.names.database}"`,
          'db-schemas = "api"',
          `db-anon-role = "${demo.names.anon}"`,
          `jwt-secret = "${SECRET}"`,
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: '+ New' }).click();
    await page.getByLabel('Persona name').fill('alice');
    const editor = page.locator('[data-testid^="editor-claims/"] .monaco-editor');
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ role: demo.names.appUser, sub: 'alice' }));
    await page.getByRole('alert', { name: 'Claims problems' }).waitFor({ state: 'detached' });
    // the console saves personas shortly after the last change
    await page.waitForTimeout(1500);
  });

  it('shows the overview with its warnings and the matrix before any change', async () => {
    const { page } = browser;
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'RLS' }).click();
    await page.getByRole('heading', { name: 'Tables and views' }).waitFor();
    // products is read by anon with RLS off: an error-level warning in the list
    await page.getByRole('button', { name: 'api.products' }).click();
    await page.getByText(/RLS is off on api\.products/).waitFor();
    await cell('alice', 'api.notes', 'select').waitFor({ timeout: 30_000 });
    expect(await cell('alice', 'api.notes', 'select').textContent()).toBe('0');
    expect(await cell('alice', 'api.notes', 'select').getAttribute('title')).toMatch(
      /no SELECT policy applies/,
    );
    await browser.shot('rls-01-overview');
  });

  it('adds an owner-only policy and the previewed matrix changes before apply', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'api.notes' }).click();
    const form = page.getByRole('form', { name: 'New policy' });
    // a misspelt column is marked from PostgreSQL's answer, and the policy cannot be queued
    await form.getByLabel('Policy name').fill('notes_owner');
    await form.getByLabel('USING', { exact: true }).fill("ownr_sub = 'alice'");
    const problem = form.getByRole('alert', { name: 'USING problem' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain('column "ownr_sub" does not exist');
    expect(await form.getByRole('button', { name: 'Add to change set' }).isDisabled()).toBe(true);
    await form.getByLabel('USING', { exact: true }).fill("owner_sub = = 'alice'");
    await form.getByText(/Syntax at character 13/).waitFor();
    await browser.shot('rls-02a-invalid-expression');
    await form.getByLabel('Template').selectOption('owner');
    await problem.waitFor({ state: 'detached' });
    await form.getByLabel('Policy name').fill('notes_owner');
    await form.getByLabel('Roles').fill(demo.names.appUser);
    expect(await form.getByLabel('USING', { exact: true }).inputValue()).toContain("->>'sub'");
    await form.getByRole('button', { name: 'Add to change set' }).click();
    await page.getByRole('button', { name: 'Change set: 1 pending' }).waitFor();
    await page.getByText('Preview pending changes (1)').waitFor();
    await expect
      .poll(() => cell('alice', 'api.notes', 'select').textContent(), { timeout: 30_000 })
      .toBe('2');
    expect(await cell('alice', 'api.notes', 'select').getAttribute('title')).toContain('notes_owner');
    await browser.shot('rls-02b-previewed');

    // not applied: without the preview alice still sees nothing
    await page.getByLabel(/Preview pending changes/).uncheck();
    await expect
      .poll(() => cell('alice', 'api.notes', 'select').textContent(), { timeout: 30_000 })
      .toBe('0');
    await page.getByLabel(/Preview pending changes/).check();
    await expect
      .poll(() => cell('alice', 'api.notes', 'select').textContent(), { timeout: 30_000 })
      .toBe('2');

    // why this row?: Bob's note is out for alice, with the policy's USING false
    await cell('alice', 'api.notes', 'select').click();
    const why = page.getByLabel('Why this row');
    await why.getByLabel('Key value').fill('3');
    await why.getByRole('button', { name: 'Explain' }).click();
    await why.getByText(/notes_owner \(permissive\): USING false/).waitFor();
    expect(await why.textContent()).toContain('Out');
    await browser.shot('rls-03-why-this-row');
  });

  it('applies, and the console confirms what the matrix said', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Change set: 1 pending' }).click();
    const drawer = page.getByRole('dialog', { name: 'Change set' });
    await drawer.getByRole('button', { name: 'Apply 1 statement' }).click();
    await drawer.getByRole('status', { name: 'Apply result' }).waitFor();
    await page.getByRole('button', { name: 'Change set: 0 pending' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByLabel(/Preview pending changes/).uncheck();
    await expect
      .poll(() => cell('alice', 'api.notes', 'select').textContent(), { timeout: 30_000 })
      .toBe('2');

    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Act as' }).click();
    await page
      .getByRole('listbox', { name: 'Persona list' })
      .getByRole('option', { name: /^alice/ })
      .click();
    await page.getByLabel('Method').selectOption('GET');
    await page.getByLabel('Request path').fill('/notes?select=id,owner_sub');
    await page.keyboard.press('Escape');
    await page.getByLabel('Request path').focus();
    await page.keyboard.press('Control+Enter');
    await expect.poll(() => page.getByTestId('status').textContent(), { timeout: 30_000 }).toBe('200');
    await page
      .getByText('"owner_sub": "alice"')
      .first()
      .waitFor({ timeout: 30_000 })
      .catch(() => undefined);
    await browser.shot('rls-04-console');

    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'RLS' }).click();
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await cell('alice', 'api.notes', 'select').waitFor();
    await browser.shot('rls-05-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    // Monaco's own service-registration noise aside, the page logged no error.
    expect(
      browser.problems.filter((p) => /Content Security Policy|Uncaught|TypeError|ReferenceError/.test(p)),
    ).toEqual([]);
  });
});
