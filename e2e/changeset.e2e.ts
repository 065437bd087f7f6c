import { describe, expect, it } from 'vitest';
import { connectWith, demoFields } from './support/connect-demo.js';
import { demoStory } from './support/story.js';

/**
 * A developer reviews changes before they touch the database: queue two statements, see them in the change set
 * drawer, remove one, apply the other in one transaction, find it in the history — and a failing set that leaves
 * the database as it was, with PostgreSQL's error against the statement.
 */
describe('change set story: queue, review, remove, apply, history', () => {
  const story = demoStory();

  const exists = (name: string) =>
    story.demo.asDeveloper(
      async (c) => (await c.query('SELECT to_regclass($1) IS NOT NULL AS e', [name])).rows[0].e as boolean,
    );

  async function queue(sql: string) {
    const { page } = story.browser;
    await page.getByRole('button', { name: '+ Add SQL' }).click();
    await page.getByLabel('SQL to add').fill(sql);
    await page.getByRole('button', { name: 'Add to change set' }).click();
    await page.getByLabel('SQL to add').waitFor({ state: 'detached' });
  }

  it('connects and shows an empty change set in the top bar', async () => {
    const { page } = story.browser;
    await page.goto(story.studio.server.url);
    await connectWith(page, demoFields(story.demo));
    await page.getByRole('button', { name: 'Change set: 0 pending' }).waitFor();
  });

  it('queues two statements and sees them, with their origin and the SQL, in the drawer', async () => {
    const { page } = story.browser;
    // The shortcut, from anywhere but a text field.
    await page.evaluate('document.activeElement && document.activeElement.blur()');
    await page.keyboard.press('c');
    const drawer = page.getByRole('dialog', { name: 'Change set' });
    await drawer.waitFor();
    await page.getByText('No pending changes').waitFor();
    await queue('CREATE TABLE api.e2e_notes (id int PRIMARY KEY, body text)');
    await queue('ALTER TABLE api.orders ADD COLUMN e2e_flag boolean');
    const list = drawer.getByRole('list', { name: 'Pending statements' });
    expect(await list.getByRole('listitem').count()).toBe(2);
    expect(await list.getByRole('listitem', { name: 'Statement 1', exact: true }).textContent()).toContain(
      'hand-written SQL',
    );
    await page.getByRole('button', { name: 'Change set: 2 pending' }).waitFor();
    // The full SQL in the read-only Monaco pane.
    await drawer.locator('.cs-script .monaco-editor').waitFor({ timeout: 30_000 });
    const sql = await drawer.locator('.cs-script').getAttribute('data-sql');
    expect(sql).toContain('CREATE TABLE api.e2e_notes (id int PRIMARY KEY, body text);');
    expect(sql).toContain('ALTER TABLE api.orders ADD COLUMN e2e_flag boolean;');
    // the footer (timeouts, Apply) sits on the drawer's bottom edge: the script grows, no blank band below it
    const gap = await page.evaluate<number>(`(() => {
      const drawer = document.querySelector('.cs-drawer').getBoundingClientRect();
      return Math.round(drawer.bottom - document.querySelector('.cs-foot').getBoundingClientRect().bottom);
    })()`);
    expect(gap).toBeLessThanOrEqual(1);
    await story.browser.shot('changeset-01-two-pending');
  });

  it('removes one, applies the other in one transaction, and finds it in the history', async () => {
    const { page } = story.browser;
    const drawer = page.getByRole('dialog', { name: 'Change set' });
    await drawer.getByRole('button', { name: 'Remove statement 2' }).click();
    await drawer.getByRole('button', { name: 'Apply 1 statement' }).click();
    const result = drawer.getByRole('status', { name: 'Apply result' });
    await result.waitFor();
    expect(await result.textContent()).toContain('Applied 1 statement in one transaction.');
    expect(await exists('api.e2e_notes')).toBe(true);
    expect(
      await story.demo.asDeveloper(
        async (c) =>
          (
            await c.query(
              "SELECT count(*)::int AS n FROM information_schema.columns WHERE table_name = 'orders' AND column_name = 'e2e_flag'",
            )
          ).rows[0].n as number,
      ),
    ).toBe(0);
    await page.getByRole('button', { name: 'Change set: 0 pending' }).waitFor();
    await story.browser.shot('changeset-02-applied');
    await drawer.getByRole('button', { name: /See it in the history/ }).click();
    const history = drawer.getByRole('list', { name: 'Applied change sets' });
    const entry = history.getByRole('listitem').first();
    expect(await entry.textContent()).toContain('applied');
    expect(await entry.textContent()).toContain(`${story.demo.names.developer}@`);
    await entry.getByText('1 statement', { exact: true }).click();
    expect(await entry.textContent()).toContain(
      'CREATE TABLE api.e2e_notes (id int PRIMARY KEY, body text);',
    );
    const download = page.waitForEvent('download');
    await entry.getByRole('button', { name: 'Export' }).click();
    expect((await download).suggestedFilename()).toMatch(/_gatehouse\.sql$/);
    await story.browser.shot('changeset-03-history');
  });

  it('fails whole: shows PostgreSQL’s error against the failing statement and changes nothing', async () => {
    const { page } = story.browser;
    const drawer = page.getByRole('dialog', { name: 'Change set' });
    await drawer.getByRole('tab', { name: /Pending/ }).click();
    await queue('CREATE TABLE api.e2e_never (id int)');
    await queue('CREATE VIEW api.e2e_view AS\nSELECT id, no_such_column\nFROM api.orders');
    await drawer.getByRole('button', { name: 'Apply 2 statements' }).click();
    const result = drawer.getByRole('alert', { name: 'Apply result' });
    await result.waitFor();
    expect(await result.textContent()).toContain('Statement 2 failed — nothing was applied');
    expect(await result.textContent()).toContain('42703');
    expect(
      await drawer.getByRole('listitem', { name: 'Statement 2', exact: true }).getAttribute('aria-current'),
    ).toBe('true');
    expect(await result.textContent()).toContain('at line 2, column 12 of the statement');
    // The marker sits on the column PostgreSQL pointed at.
    const script = drawer.locator('.cs-script');
    const [offset, length] = ((await script.getAttribute('data-marker')) ?? '').split(':').map(Number);
    expect(((await script.getAttribute('data-sql')) ?? '').slice(offset, offset! + length!)).toBe(
      'no_such_column',
    );
    await drawer.locator('.cs-failed-line').first().waitFor();
    await drawer.locator('.cs-script .squiggly-error').first().waitFor();
    expect(await exists('api.e2e_never')).toBe(false);
    await story.browser.shot('changeset-04-failed');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await story.browser.shot('changeset-05-failed-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    expect(story.browser.problems.filter((p) => !/favicon/.test(p))).toEqual([]);
  });
});
