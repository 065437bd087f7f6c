import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { connectToDemo } from './support/connect-demo.js';
import { configureDemoPostgrest } from './support/postgrest-config.js';
import { demoStory } from './support/story.js';

const SECRET = 'e2e-rls-secret-0123456789abcdefghijklmnopqr';

/**
 * "Add an owner-only policy, watch the matrix change before apply, apply, confirm with the console" on the demo
 * shop, with a notes table that has RLS on and no policy yet (so every persona sees nothing).
 */
describe('RLS story: owner-only policy from a template, typo marked, previewed, applied, confirmed, renamed', () => {
  const story = demoStory({
    prepare: async (demo) => {
      await demo.asDeveloper(async (dev) => {
        await dev.query(`
          CREATE TABLE api.notes (
            id int PRIMARY KEY,
            owner_sub text NOT NULL DEFAULT (current_setting('request.jwt.claims', true)::json->>'sub'),
            body text NOT NULL
          );
          ALTER TABLE api.notes ENABLE ROW LEVEL SECURITY;
          INSERT INTO api.notes VALUES (1, 'alice', 'a1'), (2, 'alice', 'a2'), (3, 'bob', 'b1');
          GRANT SELECT, INSERT, UPDATE, DELETE ON api.notes TO "${demo.names.appUser}";`);
      });
    },
  });

  const cell = (persona: string, relation: string, command: string) =>
    story.browser.page.locator(`[data-cell="${persona} ${relation} ${command}"]`);

  it('connects, configures PostgREST and saves a persona in the console', async () => {
    const { page } = story.browser;
    await page.goto(story.studio.server.url);
    await connectToDemo(page, story.demo);
    await configureDemoPostgrest(page, story.demo, SECRET);
    await page.getByRole('button', { name: '+ New' }).click();
    await page.getByLabel('Persona name').fill('alice');
    const editor = page.locator('[data-testid^="editor-claims/"] .monaco-editor');
    await editor.waitFor({ timeout: 30_000 });
    await editor.click();
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(JSON.stringify({ role: story.demo.names.appUser, sub: 'alice' }));
    await page.getByRole('alert', { name: 'Claims problems' }).waitFor({ state: 'detached' });
    // the console saves personas shortly after the last change
    await page.waitForTimeout(1500);
  });

  it('shows the overview with its warnings and the matrix before any change', async () => {
    const { page } = story.browser;
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'RLS' }).click();
    await page.getByRole('heading', { name: 'Tables and views' }).waitFor();
    // products is read by anon with RLS off: an error-level warning in the list
    await page.getByRole('button', { name: 'api.products' }).click();
    // the advisor's finding, shown where the table is
    await page
      .getByText(/api\.products has no row-level security/)
      .first()
      .waitFor();
    // no policies: said so (and what that means with RLS off), not an empty table header
    const none = page.getByRole('status').filter({ hasText: 'No policies on api.products' });
    expect(await none.textContent()).toContain('RLS is off: every role with a grant on it reads and writes');
    expect(await page.locator('.rls-policies').count()).toBe(0);
    expect(await page.getByTestId('rls-state').textContent()).toContain('policies none');
    await cell('alice', 'api.notes', 'select').waitFor({ timeout: 30_000 });
    expect(await cell('alice', 'api.notes', 'select').textContent()).toBe('0');
    expect(await cell('alice', 'api.notes', 'select').getAttribute('title')).toMatch(
      /no SELECT policy applies/,
    );
    await story.browser.shot('rls-01-overview');
    // the policy count by command, for a table that has some
    await page.getByRole('button', { name: 'api.orders' }).click();
    expect(await page.getByTestId('rls-state').textContent()).toMatch(
      /policies (ALL|SELECT|INSERT|UPDATE|DELETE) \d/,
    );
  });

  /** Replaces the text of a policy expression's Monaco editor, as typing would. */
  const typeExpression = async (which: 'using' | 'check', text: string) => {
    const { page } = story.browser;
    const editor = page.locator(`[data-testid$="/${which}"] .monaco-editor`).first();
    await editor.waitFor({ timeout: 30_000 });
    // a suggestion list may still be open over the editor: close it, then click the text's first line
    await page.keyboard.press('Escape');
    await editor.click({ position: { x: 40, y: 10 } });
    await page.keyboard.press('Control+a');
    await page.keyboard.press('Delete');
    await page.keyboard.insertText(text);
  };

  it('adds an owner-only policy from the template in Monaco, a typo marked, and the previewed matrix changes before apply', async () => {
    const { page } = story.browser;
    await page.getByRole('button', { name: 'api.notes' }).click();
    const form = page.getByRole('form', { name: 'New policy' });
    await page.getByLabel('Template').waitFor();
    await page.getByLabel('Template').selectOption('owner');
    await expect.poll(() => form.getByLabel('Policy name').inputValue()).toBe('notes_owner');
    // the form's controls are the studio's own (32 px, themed), not the browser's 20 px native ones
    const heights = await Promise.all(
      [
        form.getByLabel('Policy name'),
        form.getByLabel('Kind'),
        form.getByLabel('Command'),
        page.getByLabel('Template'),
      ].map(async (l) => Math.round((await l.boundingBox())!.height)),
    );
    expect(heights).toEqual([32, 32, 32, 32]);
    // the template is filled in from the table (owner_sub) and the claim in use (sub)
    await form.getByRole('group', { name: 'USING' }).getByText('✓ valid').waitFor({ timeout: 30_000 });
    await expect
      .poll(() => form.getByLabel('Statements to queue').textContent())
      .toContain("USING (owner_sub = (SELECT current_setting('request.jwt.claims', true)::json->>'sub'))");

    // the editor knows the claims in use: inside ->> ' it offers sub (from the persona and the demo's policies)
    await typeExpression('using', "owner_sub = current_setting('request.jwt.claims', true)::json->>'");
    await page.keyboard.press('Control+Space');
    const suggest = page.locator('.suggest-widget .monaco-list-row');
    await suggest.filter({ hasText: /^sub/ }).first().waitFor({ timeout: 10_000 });
    await story.browser.shot('rls-02a-claim-completion');
    await page.keyboard.press('Escape');

    // a misspelt column: PostgreSQL's answer becomes a marker on the word, and nothing can be queued
    await typeExpression(
      'using',
      "ownr_sub = (SELECT current_setting('request.jwt.claims', true)::json->>'sub')",
    );
    const problem = form.getByRole('alert', { name: 'USING problem' });
    await problem.waitFor();
    expect(await problem.textContent()).toContain('column "ownr_sub" does not exist');
    await form.locator('[data-testid$="/using"] .squiggly-error').first().waitFor();
    expect(await form.getByRole('button', { name: 'Add to change set' }).isDisabled()).toBe(true);
    await story.browser.shot('rls-02b-typo-marked');
    // a syntax error is marked by libpg-query before PostgreSQL is asked
    await typeExpression('using', "owner_sub = = 'alice'");
    await page.keyboard.press('Escape');
    await story.browser.shot('rls-02c-syntax');
    await form.getByText(/Syntax at character 13/).waitFor();

    // fixed: valid again, queued
    await typeExpression(
      'using',
      "owner_sub = (SELECT current_setting('request.jwt.claims', true)::json->>'sub')",
    );
    await problem.waitFor({ state: 'detached' });
    await form.getByRole('group', { name: 'USING' }).getByText('✓ valid').waitFor();
    await expect.poll(() => form.getByRole('button', { name: 'Add to change set' }).isDisabled()).toBe(false);
    await form.getByRole('button', { name: 'Add to change set' }).click();
    await page.getByRole('button', { name: 'Change set: 1 pending' }).waitFor();
    await page.getByText('Preview pending changes (1)').waitFor();
    await expect
      .poll(() => cell('alice', 'api.notes', 'select').textContent(), { timeout: 30_000 })
      .toBe('2');
    expect(await cell('alice', 'api.notes', 'select').getAttribute('title')).toContain('notes_owner');
    await story.browser.shot('rls-02d-previewed');

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
    // the key inputs and Explain are the studio's controls, spaced apart, not touching
    const valueBox = (await why.getByLabel('Key value').boundingBox())!;
    const explainBox = (await why.getByRole('button', { name: 'Explain' }).boundingBox())!;
    expect(explainBox.x - (valueBox.x + valueBox.width)).toBeGreaterThanOrEqual(8);
    expect(Math.round(valueBox.height)).toBe(Math.round(explainBox.height));
    await story.browser.shot('rls-03-why-this-row');
  });

  it('applies, and the console confirms what the matrix said', async () => {
    const { page } = story.browser;
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
    // the approved matrix as tests to keep (the SQL file's run is tested in core/rls/export.pg.test.ts)
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export SQL asserts' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe('rls-matrix.test.sql');
    const text = readFileSync(await file.path(), 'utf8');
    expect(text).toContain("'alice select api.notes'");
    expect(text).toMatch(/^rollback;$/m);

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
    await story.browser.shot('rls-04-console');

    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'RLS' }).click();
  });

  it('renames the applied policy in the editor: one ALTER POLICY … RENAME, the matrix unchanged', async () => {
    const { page } = story.browser;
    await page.getByRole('button', { name: 'api.notes' }).click();
    await page.getByRole('button', { name: 'Edit notes_owner' }).click({ timeout: 30_000 });
    const form = page.getByRole('form', { name: 'Edit policy notes_owner' });
    await form.getByLabel('Policy name').fill('notes_owner_only');
    await expect
      .poll(() => form.getByLabel('Statements to queue').textContent())
      .toBe('ALTER POLICY notes_owner ON api.notes RENAME TO notes_owner_only;');
    // RESTRICTIVE cannot be altered in place: the editor says so and offers drop and create
    await form.getByLabel('Kind').selectOption('RESTRICTIVE');
    const needs = form.getByRole('status', { name: 'Needs drop and create' });
    await needs.waitFor();
    expect(await needs.textContent()).toContain('PERMISSIVE and RESTRICTIVE');
    expect(await form.getByRole('button', { name: 'Queue changes' }).isDisabled()).toBe(true);
    await story.browser.shot('rls-05a-restrictive-needs-recreate');
    await form.getByLabel('Kind').selectOption('PERMISSIVE');
    await needs.waitFor({ state: 'detached' });
    await expect.poll(() => form.getByRole('button', { name: 'Queue changes' }).isDisabled()).toBe(false);
    await form.getByRole('button', { name: 'Queue changes' }).click();
    await page.getByRole('button', { name: 'Change set: 1 pending' }).waitFor();
    await page.getByRole('button', { name: 'Change set: 1 pending' }).click();
    const drawer = page.getByRole('dialog', { name: 'Change set' });
    await drawer.getByRole('button', { name: 'Apply 1 statement' }).click();
    await drawer.getByRole('status', { name: 'Apply result' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Edit notes_owner_only' }).waitFor({ timeout: 30_000 });
    await expect
      .poll(() => cell('alice', 'api.notes', 'select').getAttribute('title'), { timeout: 30_000 })
      .toContain('notes_owner_only');
    expect(await cell('alice', 'api.notes', 'select').textContent()).toBe('2');
    await story.browser.shot('rls-05b-renamed');
    // the panel fits a 1280 px window: nothing overflows to the right
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole('button', { name: 'Edit notes_owner_only' }).click();
    await page.getByRole('form', { name: 'Edit policy notes_owner_only' }).waitFor();
    await page.locator('[data-testid$="/using"] .monaco-editor').first().waitFor();
    // The panel's narrowest layout (its min-content width) fits the window, and its column never scrolls sideways
    // (the shell's top bar is measured too: its own min-content decides the window's width, see the report).
    const widths = () =>
      page.evaluate<{ panel: number; topbar: number; mainOverflow: number }>(`(() => {
        const minContent = (el) => { const w = el.style.width; el.style.width = 'min-content';
          const m = el.getBoundingClientRect().width; el.style.width = w; return Math.ceil(m); };
        const main = document.querySelector('.rls-main');
        const list = document.querySelector('.rls-overview').getBoundingClientRect().width;
        const parts = [...document.querySelectorAll('.rls-main > *')].map(minContent);
        return { panel: Math.ceil(list + Math.max(...parts)), topbar: minContent(document.querySelector('.topbar')),
          mainOverflow: main.scrollWidth - main.clientWidth };
      })()`);
    const light = await widths();
    console.log(`RLS panel min-content ${light.panel}px, top bar min-content ${light.topbar}px at 1280`);
    expect(light.panel).toBeLessThanOrEqual(1280);
    expect(light.mainOverflow).toBe(0);
    await story.browser.shot('rls-06-1280-light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await cell('alice', 'api.notes', 'select').waitFor();
    const dark = await widths();
    expect(dark.panel).toBeLessThanOrEqual(1280);
    expect(dark.mainOverflow).toBe(0);
    // the expression editors sit on the form's own surface (--bg-raised), not Monaco's neutral #1e1e1e
    expect(
      await page.evaluate<string>(
        `getComputedStyle(document.querySelector('[data-testid$="/using"] .monaco-editor-background')).backgroundColor`,
      ),
    ).toBe('rgb(24, 27, 34)');
    await story.browser.shot('rls-06-1280-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    // Monaco's own service-registration noise aside, the page logged no error.
    expect(
      story.browser.problems.filter((p) =>
        /Content Security Policy|Uncaught|TypeError|ReferenceError/.test(p),
      ),
    ).toEqual([]);
  });
});
