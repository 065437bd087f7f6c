import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoStory, openDemoWithPostgrest } from './support/story.js';

const SECRET = 'e2e-advisor-ack-secret-0123456789abcdefghijklm';
const KEY = 'table_without_rls:api.products';
const REASON = 'The catalogue is public on purpose: every visitor may read every product.';

/**
 * "api.products is meant to be readable by everyone: I acknowledge the finding with a reason, in the file the team
 * commits; when someone changes who may reach the table, the acknowledgement no longer covers it."
 */
describe('advisor acknowledgement story', () => {
  const story = demoStory();
  let dir: string;
  let ackFile: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'gatehouse-ack-'));
    ackFile = join(dir, 'gatehouse-advisor.json');
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('connects to the demo and gives act-as its postgrest.conf (pasted: no file to sit beside)', async () => {
    await openDemoWithPostgrest(story, SECRET);
    const { page } = story.browser;
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Advisor' }).click();
    const bar = page.getByRole('group', { name: 'Acknowledgements file' });
    await expect(bar.textContent()).resolves.toContain('no file — name one to acknowledge findings');
  });

  it('names the acknowledgements file and acknowledges a finding with a reason', async () => {
    const { page } = story.browser;
    const findings = page.getByRole('region', { name: 'Findings' });
    await page.getByRole('button', { name: 'Choose file…' }).click();
    await page.getByLabel('Acknowledgements file path').fill(ackFile);
    await page.getByRole('button', { name: 'Use', exact: true }).click();
    await page
      .getByRole('group', { name: 'Acknowledgements file' })
      .getByText(ackFile)
      .waitFor({ timeout: 30_000 });

    const products = findings.getByRole('listitem', { name: KEY });
    await products
      .getByRole('button', { name: 'A table in an exposed schema has no row-level security' })
      .click();
    await products.getByRole('button', { name: 'Acknowledge…' }).click();
    await products.getByLabel('Reason').fill(REASON);
    await story.browser.shot('advisor-ack-01-reason');
    await products.getByRole('button', { name: 'Save' }).click();
    await products.getByText(`Acknowledged: ${REASON}`).waitFor({ timeout: 30_000 });
    await expect(products.getAttribute('class')).resolves.toMatch(/\backed\b/);
    // The counts leave acknowledged findings out.
    const counts = (await page.getByLabel('Counts').textContent()) ?? '';
    expect(counts).toMatch(/^\d+ errors? · \d+ warnings? · \d+ notes?$/);
    // The section's count is the header's; the acknowledged one is named apart.
    const errors = page.getByRole('region', { name: 'Errors' }).getByRole('heading').first();
    await expect(errors.textContent()).resolves.toBe(`Errors ${/^(\d+)/.exec(counts)![1]} · 1 acknowledged`);
    await story.browser.shot('advisor-ack-02-acknowledged');

    // The file the team commits holds it: the finding, its object, the fingerprint it covers, the reason.
    const saved = JSON.parse(readFileSync(ackFile, 'utf8')) as {
      version: number;
      acknowledgements: { finding: string; object: string; fingerprint: string; reason: string }[];
    };
    expect(saved.version).toBe(1);
    expect(saved.acknowledgements).toHaveLength(1);
    expect(saved.acknowledgements[0]).toMatchObject({
      finding: 'table_without_rls',
      object: 'api.products',
      reason: REASON,
    });
    expect(saved.acknowledgements[0]!.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });

  it('lapses the acknowledgement once the object changes', async () => {
    const { page } = story.browser;
    // Someone hands INSERT on the table to anon: who may reach it has changed.
    await story.demo.asSuperuser(`GRANT INSERT ON api.products TO "${story.demo.names.anon}"`);
    await page.getByRole('button', { name: 'Re-run' }).click();
    const products = page.getByRole('region', { name: 'Findings' }).getByRole('listitem', { name: KEY });
    await expect
      .poll(async () => (await products.getAttribute('class')) ?? '', { timeout: 30_000 })
      .not.toMatch(/\backed\b/);
    await expect(products.textContent()).resolves.not.toContain('Acknowledged:');
    await page.getByText(`1 acknowledgement(s) no longer match: ${KEY}`).waitFor();
    await story.browser.shot('advisor-ack-03-lapsed');
    // The file keeps the old acknowledgement: a person decides whether it still holds.
    expect(JSON.parse(readFileSync(ackFile, 'utf8')).acknowledgements).toHaveLength(1);
    expect(story.browser.problems).toEqual([]);
  });
});
