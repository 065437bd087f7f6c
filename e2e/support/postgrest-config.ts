import type { Page } from 'playwright-core';
import type { DemoDatabase } from './demo-db.js';

/** Gives act-as (and so the advisor, RLS and diff review) the demo's postgrest.conf: api exposed, anon as db-anon-role. */
export async function configureDemoPostgrest(page: Page, demo: DemoDatabase, secret: string): Promise<void> {
  await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Act as' }).click();
  await page.getByRole('button', { name: 'PostgREST config' }).click();
  await page
    .getByLabel('postgrest.conf')
    .fill(
      [
        `db-uri = "postgres://${demo.names.authenticator}@${demo.host}:${demo.port}/${demo.names.database}"`,
        'db-schemas = "api"',
        `db-anon-role = "${demo.names.anon}"`,
        `jwt-secret = "${secret}"`,
      ].join('\n'),
    );
  await page.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('dialog').waitFor({ state: 'detached' });
}
