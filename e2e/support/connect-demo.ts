import type { Page } from 'playwright-core';
import type { DemoDatabase } from './demo-db.js';

/** Fills the connection form for the demo as its developer (the owner role) and waits for the navigator. */
export async function connectToDemo(page: Page, demo: DemoDatabase): Promise<void> {
  await page.getByRole('heading', { name: 'New connection' }).waitFor();
  await page.getByLabel('Name').fill('Demo shop');
  await page.getByLabel('Host').fill(demo.host);
  await page.getByLabel('Port').fill(String(demo.port));
  await page.getByLabel('Database').fill(demo.names.database);
  await page.getByLabel('User').fill(demo.names.developer);
  await page.getByLabel('Password').fill(demo.developerPassword);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('tree', { name: 'Schemas' }).waitFor({ timeout: 30_000 });
}
