import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { demoSql } from '../core/embedded/demo-seed.js';
import { connectToDemo } from './support/connect-demo.js';
import { configureDemoPostgrest } from './support/postgrest-config.js';
import { demoStory } from './support/story.js';

const SECRET = 'e2e-diff-secret-0123456789abcdefghijklmnopq';

/**
 * "Compare the demo database with a folder of .sql files, untick one change, export a verified migration": the
 * folder is the demo's schema as written in git plus one migration (a members table anon may read, a column, a
 * comment); the developer reviews what anon gains, leaves the comment out and exports a verified migration.
 */
describe('diff story: the demo database against a folder of .sql files', () => {
  let work: string;
  let folder: string;
  let out: string;
  const story = demoStory({
    prepare: async (demo) => {
      work = mkdtempSync(join(tmpdir(), 'gatehouse-diff-e2e-'));
      folder = join(work, 'schema');
      out = join(work, 'migrations');
      mkdirSync(folder);
      mkdirSync(out);
      const anon = `"${demo.names.anon}"`;
      writeFileSync(join(folder, '001_schema.sql'), demoSql('03-schema.sql', demo.names));
      writeFileSync(join(folder, '002_sessions.sql'), demoSql('05-sessions.sql', demo.names));
      writeFileSync(
        join(folder, '003_members.sql'),
        [
          'CREATE TABLE api.members (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text NOT NULL);',
          `GRANT SELECT ON api.members TO ${anon};`,
          'ALTER TABLE api.products ADD COLUMN sku text;',
          "COMMENT ON TABLE api.orders IS 'Orders placed through the API.';",
          '',
        ].join('\n'),
      );
    },
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('connects to the demo and gives it its postgrest.conf', async () => {
    const { page } = story.browser;
    await page.goto(story.studio.server.url);
    await connectToDemo(page, story.demo);
    await configureDemoPostgrest(page, story.demo, SECRET);
  });

  it('refuses a relative folder path, then compares the demo with the folder', async () => {
    const { page } = story.browser;
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Diff' }).click();
    const to = page.getByRole('group', { name: 'To' });
    await expect(to.getByLabel('To kind').inputValue()).resolves.toBe('folder');
    await to.getByLabel('To path').fill('schema');
    await expect(to.getByRole('alert').textContent()).resolves.toContain('must be absolute');
    await expect(page.getByRole('button', { name: 'Compare' }).isDisabled()).resolves.toBe(true);
    await to.getByLabel('To path').fill(folder);
    // The shadow database runs as its own superuser: the owners are the folder's to leave out.
    await page.getByRole('group', { name: 'Options' }).getByLabel('Ignore owners').check();
    await story.browser.shot('diff-01-sides');
    await page.getByRole('button', { name: 'Compare' }).click();
    await page.getByRole('tree', { name: 'Differences' }).waitFor({ timeout: 90_000 });
  });

  it('shows what anon gains before the SQL, and the differences by schema and kind', async () => {
    const { page } = story.browser;
    const review = page.getByRole('region', { name: 'What changes for whom' });
    const first = review.getByRole('listitem').first();
    await expect(first.textContent()).resolves.toContain(
      `${story.demo.names.anon} gains SELECT on api.members (GET /members)`,
    );
    const tree = page.getByRole('tree', { name: 'Differences' });
    await tree.getByRole('treeitem', { name: 'api', exact: true }).waitFor();
    const script = page.getByRole('region', { name: 'Migration' });
    await script.locator('.monaco-editor').waitFor();
    // Monaco writes its lines a moment after the editor appears: read until they are there.
    await expect.poll(() => script.textContent()).toContain('members');
    await story.browser.shot('diff-02-compared');
    // No horizontal overflow at 1280 px.
    await page.setViewportSize({ width: 1280, height: 900 });
    const overflow = async (selector: string) =>
      page.evaluate<number>(
        `(() => { const e = document.querySelector(${JSON.stringify(selector)}); return e.scrollWidth - e.clientWidth; })()`,
      );
    // The diff panel's own content fits (the shell's top bar is wider than 1280 px on its own: reported).
    await expect(overflow('.diff-panel')).resolves.toBeLessThanOrEqual(0);
    await expect(overflow('.diff-split')).resolves.toBeLessThanOrEqual(0);
    await story.browser.shot('diff-03-1280');
  });

  it('shows one object side by side, and unticks the comment change', async () => {
    const { page } = story.browser;
    const tree = page.getByRole('tree', { name: 'Differences' });
    // The change's own row (its name is the change's summary): the schema and kind rows above it contain its
    // text and checkbox too, and clicking one of those only folds the group.
    const comment = tree
      .getByRole('treeitem', { name: /orders/ })
      .filter({ has: page.getByRole('checkbox', { name: /comment/i }) });
    await expect(comment.count()).resolves.toBe(1);
    await comment.click();
    const detail = page.getByRole('region', { name: 'Change detail' });
    await detail.locator('.monaco-diff-editor').waitFor();
    // The table's DDL on both sides, the new comment on the right (Monaco draws spaces as U+00A0).
    await expect
      .poll(
        async () => (await detail.locator('.view-lines').allTextContents()).join('\n').replace(/\s+/g, ' '),
        {
          timeout: 10_000,
        },
      )
      .toMatch(/CREATE TABLE api\.orders[\s\S]*Orders placed through the API/);
    await story.browser.shot('diff-04-object');
    await comment.getByRole('checkbox').uncheck();
    await expect(comment.getByRole('checkbox').isChecked()).resolves.toBe(false);
    await page.getByRole('button', { name: 'Migration' }).click();
    const script = page.getByRole('region', { name: 'Migration' });
    await expect
      .poll(async () => script.locator('.view-lines').textContent(), { timeout: 10_000 })
      .not.toContain('Orders placed through the API');
    await story.browser.shot('diff-05-unticked');
  });

  it('exports a verified migration into the folder, without the unticked change', async () => {
    const { page } = story.browser;
    const exportBar = page.getByRole('region', { name: 'Export' });
    await exportBar.getByLabel('Export folder').fill(out);
    await exportBar.getByLabel('Migration name').fill('add_members');
    await exportBar.getByRole('button', { name: 'Verify and export' }).click();
    const result = exportBar.getByRole('status', { name: 'Export result' });
    await result.waitFor({ timeout: 90_000 });
    await expect(result.textContent()).resolves.toContain('Verified and exported');
    // The ticked-out comment comes back from the re-diff as expected, not as residue, and the result says so.
    await expect(result.textContent()).resolves.toContain('only what was ticked out: comment on api.orders');
    await result.scrollIntoViewIfNeeded();
    await story.browser.shot('diff-06-exported');
    const files = readdirSync(out);
    expect(files).toHaveLength(1);
    const sql = readFileSync(join(out, files[0]!), 'utf8');
    expect(sql).toContain('api.members');
    expect(sql).toContain('sku');
    expect(sql).not.toContain('Orders placed through the API');

    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await story.browser.shot('diff-07-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    expect(story.browser.pageErrors).toEqual([]);
    expect(story.browser.problems).toEqual([]);
  });
});
