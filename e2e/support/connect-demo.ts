import type { Page } from 'playwright-core';
import type { DemoDatabase } from './demo-db.js';

/** What a user types into the connection form. */
export interface ConnectionFields {
  name: string;
  host: string;
  port: number;
  database: string;
  user: string;
  password: string;
}

/** Fills the connection form field by field, as a user does (Connect is left to the caller). */
export async function fillConnectionForm(page: Page, f: ConnectionFields): Promise<void> {
  await page.getByLabel('Name').fill(f.name);
  await page.getByLabel('Host').fill(f.host);
  await page.getByLabel('Port').fill(String(f.port));
  await page.getByLabel('Database').fill(f.database);
  await page.getByLabel('User').fill(f.user);
  await page.getByLabel('Password').fill(f.password);
}

/** Fills the form, connects and waits for the navigator (a big catalog takes a while: `timeout`). */
export async function connectWith(page: Page, f: ConnectionFields, timeout = 30_000): Promise<void> {
  await fillConnectionForm(page, f);
  await page.getByRole('button', { name: 'Connect', exact: true }).click();
  await page.getByRole('tree', { name: 'Schemas' }).waitFor({ timeout });
}

/** The fields for a database of a test server, as its superuser. */
export function superuserFields(superuserUri: string, database: string, name: string): ConnectionFields {
  const url = new URL(superuserUri);
  return {
    name,
    host: url.hostname,
    port: Number(url.port),
    database,
    user: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
  };
}

/** The demo's fields, as its developer (the owner role). */
export function demoFields(demo: DemoDatabase, name = 'Demo shop'): ConnectionFields {
  return {
    name,
    host: demo.host,
    port: demo.port,
    database: demo.names.database,
    user: demo.names.developer,
    password: demo.developerPassword,
  };
}

/** Connects to the demo as its developer from the new-connection form and waits for the navigator. */
export async function connectToDemo(page: Page, demo: DemoDatabase): Promise<void> {
  await page.getByRole('heading', { name: 'New connection' }).waitFor();
  await connectWith(page, demoFields(demo));
}
