import { describe, expect, it } from 'vitest';
import { demoStory, openDemoWithPostgrest } from './support/story.js';

const SECRET = 'e2e-advisor-many-secret-0123456789abcdefghijk';
const TABLES = 1500;

/**
 * "The advisor finds thousands of things on our big schema: the list still scrolls and answers the keyboard, each
 * severity with its count" — 1,500 tables anon may read and write without RLS (two findings each), in light and
 * dark; the reach map (thousands of role × endpoint pairs) by role, one role's endpoints when picked.
 */
describe('advisor with thousands of findings', () => {
  const story = demoStory({
    prepare: async (demo) => {
      await demo.asSuperuser(
        `DO $$ BEGIN
           FOR i IN 1..${TABLES} LOOP
             EXECUTE format('CREATE TABLE api.%I (id int PRIMARY KEY, note text)', 'bulk_' || i);
             EXECUTE format('GRANT SELECT, INSERT ON api.%I TO %I', 'bulk_' || i, '${demo.names.anon}');
             EXECUTE format('GRANT SELECT ON api.%I TO %I', 'bulk_' || i, '${demo.names.appUser}');
           END LOOP;
         END $$;`,
      );
    },
    timeoutMs: 180_000,
  });

  it('connects to the demo and gives act-as its postgrest.conf', async () => {
    await openDemoWithPostgrest(story, SECRET);
  });

  it('lists thousands of findings with only a screenful of them in the page, counted by severity', async () => {
    const { page } = story.browser;
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Advisor' }).click();
    const findings = page.getByRole('region', { name: 'Findings' });
    await findings
      .getByRole('listitem', { name: 'table_without_rls:api.bulk_1', exact: true })
      .waitFor({ timeout: 60_000 });
    const counts = (await page.getByLabel('Counts').textContent()) ?? '';
    const errors = Number(/^(\d+) errors/.exec(counts)?.[1]);
    expect(errors).toBeGreaterThanOrEqual(2 * TABLES);
    const heading = findings.getByRole('region', { name: 'Errors' }).getByRole('heading').first();
    await expect(heading.textContent()).resolves.toBe(`Errors ${errors}`);
    expect(await findings.getByRole('listitem').count()).toBeLessThan(60);
    await story.browser.shot('advisor-many-01-light');
  });

  it('walks the list with the keyboard: down a finding, to the last one and back', async () => {
    const { page } = story.browser;
    const findings = page.getByRole('region', { name: 'Findings' });
    const focusedItem = () =>
      page.evaluate(
        '(() => document.activeElement?.closest("[role=listitem]")?.getAttribute("aria-label") ?? null)()',
      );
    const first = findings.getByRole('listitem').first();
    const firstKey = await first.getAttribute('aria-label');
    await first.locator('.adv-finding-title').focus();
    await page.keyboard.press('ArrowDown');
    await expect.poll(focusedItem).not.toBe(firstKey);
    await page.keyboard.press('End');
    // The last finding is a note (an unindexed key or a silent deny…), thousands of rows down.
    await expect
      .poll(async () => (await findings.getByRole('region', { name: 'Notes' }).count()) > 0)
      .toBe(true);
    const last = (await focusedItem()) as string | null;
    expect(last).not.toBeNull();
    await expect(findings.getByRole('listitem', { name: last!, exact: true }).isVisible()).resolves.toBe(
      true,
    );
    await page.keyboard.press('Enter');
    await findings.getByRole('listitem', { name: last!, exact: true }).locator('.adv-why').waitFor();
    await story.browser.shot('advisor-many-02-end');
    await page.keyboard.press('Home');
    await expect.poll(focusedItem).toBe(firstKey);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await findings
      .getByRole('listitem', { name: firstKey!, exact: true })
      .getByRole('button', { expanded: false })
      .click();
    await findings
      .getByRole('listitem', { name: firstKey!, exact: true })
      .getByLabel(`Fix for ${firstKey}`)
      .waitFor();
    await story.browser.shot('advisor-many-03-dark');
    expect(story.browser.problems).toEqual([]);
  });

  it('lists each role’s totals for a map of thousands of pairs, and a picked role’s endpoints', async () => {
    const { page } = story.browser;
    const reach = page.getByRole('region', { name: 'Reach map' });
    const summary = reach.getByLabel('Reach by role');
    await expect(summary.textContent()).resolves.toMatch(/request roles reach [\d,]+ endpoints between them/);
    await summary.getByRole('button', { name: story.demo.names.appUser, exact: true }).click();
    const user = reach.getByRole('region', { name: `Reach of ${story.demo.names.appUser}` });
    await user.getByRole('cell', { name: '/bulk_1500', exact: true }).waitFor({ timeout: 30_000 });
    await expect(user.getByRole('row').count()).resolves.toBeGreaterThan(TABLES);
    await story.browser.shot('advisor-many-04-role-reach-dark');
    expect(story.browser.problems).toEqual([]);
  });
});
