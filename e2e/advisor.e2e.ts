import { describe, expect, it } from 'vitest';
import { demoStory, openDemoWithPostgrest } from './support/story.js';

const SECRET = 'e2e-advisor-secret-0123456789abcdefghijklmnop';

/**
 * The exposure advisor on the demo shop: "open the advisor, see what anon can reach, apply the fix for one
 * finding, see it gone".
 */
describe('advisor story', () => {
  const story = demoStory();

  it('connects to the demo and gives act-as its postgrest.conf', async () => {
    await openDemoWithPostgrest(story, SECRET);
  });

  it('opens the advisor: findings by severity, and what anon can reach', async () => {
    const { page } = story.browser;
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Advisor' }).click();
    const findings = page.getByRole('region', { name: 'Findings' });
    await findings.getByRole('region', { name: 'Errors' }).waitFor({ timeout: 30_000 });
    const products = findings.getByRole('listitem', { name: 'table_without_rls:api.products' });
    await expect(products.textContent()).resolves.toContain(
      `api.products has no row-level security; every row is reachable by ${story.demo.names.anon} (SELECT)`,
    );
    const anon = page.getByRole('region', { name: `Reach of ${story.demo.names.anon}` });
    await expect(anon.getByRole('row').nth(1).textContent()).resolves.toMatch(
      /\/products\s*GET\s*unfiltered\s*$/,
    );
    await story.browser.shot('advisor-01-findings-and-reach');

    await page.getByRole('tab', { name: 'Picture' }).click();
    await page.locator('.react-flow__node').first().waitFor();
    const nodes = await page.locator('.react-flow__node').allTextContents();
    expect(nodes).toContain(story.demo.names.anon);
    expect(nodes).toContain('/products');
    await expect(page.locator('.react-flow__edge.unfiltered').count()).resolves.toBeGreaterThan(0);
    await story.browser.shot('advisor-02-reach-picture');
    await page.getByLabel('Role').selectOption(story.demo.names.anon);
    await expect(page.locator('.react-flow__node').allTextContents()).resolves.toEqual([
      story.demo.names.anon,
      '/products',
    ]);
    await story.browser.shot('advisor-02b-reach-picture-anon');
    await page.getByLabel('Role').selectOption('');
    await page.getByRole('tab', { name: 'Table' }).click();
  });

  it('applies the fix for one finding through the change set, and the finding is gone', async () => {
    const { page } = story.browser;
    const findings = page.getByRole('region', { name: 'Findings' });
    const products = findings.getByRole('listitem', { name: 'table_without_rls:api.products' });
    await products
      .getByRole('button', { name: 'A table in an exposed schema has no row-level security' })
      .click();
    await expect(products.getByLabel('Fix for table_without_rls:api.products').textContent()).resolves.toBe(
      'ALTER TABLE api.products ENABLE ROW LEVEL SECURITY;',
    );
    await products.getByRole('button', { name: 'Add to change set' }).click();
    await products.getByRole('button', { name: 'In the change set' }).waitFor();
    await story.browser.shot('advisor-03-fix-queued');

    await page.getByRole('button', { name: 'Change set: 1 pending' }).click();
    const drawer = page.getByRole('dialog', { name: 'Change set' });
    await drawer.getByRole('button', { name: 'Apply 1 statement' }).click();
    await drawer.getByRole('status', { name: 'Apply result' }).waitFor({ timeout: 30_000 });
    await story.browser.shot('advisor-04-applied');
    await drawer.getByRole('button', { name: 'Close change set' }).click();

    await findings
      .getByRole('listitem', { name: 'table_without_rls:api.products' })
      .waitFor({ state: 'detached', timeout: 30_000 });
    // The rows anon reaches are now the policies' to decide — and there is none yet for it: a silent deny, noted.
    const anon = page.getByRole('region', { name: `Reach of ${story.demo.names.anon}` });
    await expect(anon.getByRole('row').nth(1).textContent()).resolves.toMatch(
      /\/products\s*GET\s*filtered by RLS/,
    );
    await findings.getByRole('listitem', { name: 'rls_no_policy:api.products' }).waitFor();
    await story.browser.shot('advisor-05-finding-gone');
    expect(story.browser.problems).toEqual([]);
  });
});
