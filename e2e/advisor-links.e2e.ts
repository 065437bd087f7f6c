import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { demoStory, openDemoWithPostgrest } from './support/story.js';

const SECRET = 'e2e-advisor-links-secret-0123456789abcdefghij';

/** Back to the advisor, and the finding's link followed. */
async function follow(page: Page, key: string, title: string): Promise<void> {
  await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Advisor' }).click();
  const finding = page.getByRole('region', { name: 'Findings' }).getByRole('listitem', { name: key });
  await finding.waitFor({ timeout: 30_000 });
  await finding.getByRole('button', { name: title }).click();
}

/**
 * "The advisor says anon can log in, PUBLIC reads customers and anon may delete every order: from each finding,
 * one click shows me the thing itself — the role in the role graph, the cell in the grants matrix, the policy in
 * the policy editor."
 */
describe('advisor links story', () => {
  const story = demoStory({
    prepare: async (demo) => {
      const n = demo.names;
      await demo.asSuperuser(
        `ALTER ROLE "${n.anon}" LOGIN;
         GRANT SELECT ON api.customers TO PUBLIC;
         CREATE POLICY orders_anon_delete ON api.orders FOR DELETE TO "${n.anon}" USING (true);`,
      );
    },
  });

  it('connects to the demo and gives act-as its postgrest.conf', async () => {
    await openDemoWithPostgrest(story, SECRET);
  });

  it('follows a role finding into the role graph, that role selected and open in the inspector', async () => {
    const { page } = story.browser;
    const anon = story.demo.names.anon;
    await follow(page, `request_role_login:role ${anon}`, `Open role ${anon} in Roles`);
    await expect(
      page
        .getByRole('tablist', { name: 'Panels' })
        .getByRole('tab', { name: 'Roles' })
        .getAttribute('aria-selected'),
    ).resolves.toBe('true');
    const inspector = page.getByRole('complementary', { name: `Role ${anon}` });
    await inspector.getByRole('heading', { name: anon }).waitFor();
    await page.locator(`.role-card.selected[data-role="${anon}"]`).waitFor();
    expect(page.url()).toContain('p=roles');
    await story.browser.shot('advisor-links-01-role');
  });

  it('follows a grant finding to the object × PUBLIC cell of the matrix, scrolled to and highlighted', async () => {
    const { page } = story.browser;
    await follow(page, 'public_grant:api.customers', 'Open api.customers × PUBLIC in Grants');
    const cell = page.getByTestId('cell:api.customers:PUBLIC');
    await cell.waitFor();
    await expect(cell.getAttribute('class')).resolves.toMatch(/\bfocused\b/);
    await expect(cell.getAttribute('class')).resolves.toMatch(/\bselected\b/);
    await expect(cell.isVisible()).resolves.toBe(true);
    // The one cell is the selection: granting or revoking there is the next click.
    await expect(page.getByTestId('matrix-actions').textContent()).resolves.toContain('1 cell');
    // PUBLIC's SELECT is held there (the grant the finding is about), one click from being revoked.
    const select = cell.getByRole('button', { name: /^SELECT on api\.customers for PUBLIC: / });
    await expect(select.getAttribute('class')).resolves.not.toMatch(/\bnone\b/);
    await select.hover(); // the tooltip is written on first hover (GrantsMatrix: thousands of letters per frame)
    await expect(select.getAttribute('title')).resolves.toMatch(/click to revoke/);
    await story.browser.shot('advisor-links-02-grant-cell');
  });

  it('follows a policy finding to the RLS panel, the policy open in the policy editor', async () => {
    const { page } = story.browser;
    await follow(
      page,
      'policy_write_all:policy orders_anon_delete on api.orders',
      'Open policy orders_anon_delete on api.orders in RLS',
    );
    const table = page.getByRole('region', { name: 'Policies of api.orders' });
    await table.waitFor();
    await expect(
      page
        .getByRole('region', { name: 'RLS overview' })
        .getByRole('button', { name: 'api.orders' })
        .getAttribute('class'),
    ).resolves.toMatch(/\bselected\b/);
    await table.locator('tr.focused[data-policy="orders_anon_delete"]').waitFor();
    const editor = table.getByRole('form', { name: 'Edit policy orders_anon_delete' });
    await expect(editor.getByLabel('Policy name').inputValue()).resolves.toBe('orders_anon_delete');
    await expect(editor.getByLabel('Command').inputValue()).resolves.toBe('DELETE');
    await expect(editor.isVisible()).resolves.toBe(true);
    await story.browser.shot('advisor-links-03-policy-editor');

    // A link in the URL: reloading lands on the same place.
    await page.reload();
    await page
      .getByRole('region', { name: 'Policies of api.orders' })
      .getByRole('form', { name: 'Edit policy orders_anon_delete' })
      .waitFor({ timeout: 30_000 });
    expect(story.browser.problems).toEqual([]);
  });

  it('follows a postgrest.conf finding to its setting, selected in the PostgREST configuration', async () => {
    const { page } = story.browser;
    // pg_catalog in db-schemas: PostgREST would serve the system catalog.
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Act as' }).click();
    await page.getByRole('button', { name: 'PostgREST config' }).click();
    await page.getByLabel(/Reveal secrets/).check();
    const conf = page.getByLabel('postgrest.conf');
    const text = (await conf.inputValue()).replace('db-schemas = "api"', 'db-schemas = "api, pg_catalog"');
    await conf.fill(text);
    await page.getByRole('button', { name: 'Apply' }).click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Advisor' }).click();
    await page.getByRole('button', { name: 'Re-run' }).click();
    await follow(
      page,
      'system_schema_exposed:config db-schemas',
      'Open db-schemas in the PostgREST configuration',
    );
    await expect(
      page
        .getByRole('tablist', { name: 'Panels' })
        .getByRole('tab', { name: 'Act as' })
        .getAttribute('aria-selected'),
    ).resolves.toBe('true');
    await page.getByRole('dialog', { name: 'PostgREST configuration' }).waitFor();
    // The setting's line is selected in the text, the cursor there (read in the page: no DOM types here).
    const selected = () =>
      page.evaluate(
        '(() => { const a = document.activeElement; return a && a.selectionEnd !== undefined ? a.value.slice(a.selectionStart, a.selectionEnd) : null; })()',
      );
    await expect.poll(selected).toBe('db-schemas = "api, pg_catalog"');
    await story.browser.shot('advisor-links-04-postgrest-config');
    await page
      .getByRole('dialog', { name: 'PostgREST configuration' })
      .getByText('Close', { exact: true })
      .click();
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    expect(story.browser.problems).toEqual([]);
  });

  it('follows a schema without USAGE to the schema × role cell of the grants matrix', async () => {
    const { page } = story.browser;
    const anon = story.demo.names.anon;
    await story.demo.asSuperuser(`REVOKE USAGE ON SCHEMA api FROM "${anon}"`);
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Advisor' }).click();
    await page.getByRole('button', { name: 'Re-run' }).click();
    await follow(page, 'schema_without_usage:schema api', `Open api × ${anon} in Grants`);
    const cell = page.getByTestId(`cell:api:${anon}`);
    await cell.waitFor();
    await expect(cell.getAttribute('class')).resolves.toMatch(/\bfocused\b/);
    await expect(cell.isVisible()).resolves.toBe(true);
    // USAGE is not held there: granting it is the next click.
    const usage = cell.getByRole('button', { name: new RegExp(`^USAGE on api for ${anon}: `) });
    await expect(usage.getAttribute('class')).resolves.toMatch(/\bnone\b/);
    await story.browser.shot('advisor-links-05-schema-usage');
    expect(story.browser.problems).toEqual([]);
  });
});
