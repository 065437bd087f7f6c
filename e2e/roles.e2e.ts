import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevStudio, type DevStudio } from '../server/dev.js';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../test/pg.js';
import { launchBrowser, type StudioBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { connectWith, superuserFields } from './support/connect-demo.js';

/**
 * A DBA designs the PostgREST role model from scratch on an empty database: authenticator, anon, app_user (the
 * "Set up PostgREST roles" template) and app_admin; USAGE on api and SELECT on a table from the grants matrix;
 * one apply; then the graph and the matrix show it — in the light and the dark theme.
 */
describe('roles story: design the PostgREST role model from scratch', () => {
  const server = () => pgServers().find((s) => s.major === 18) ?? pgServers()[0]!;
  const sfx = uniqueSuffix();
  const names = {
    authenticator: `authenticator_${sfx}`,
    anon: `anon_${sfx}`,
    appUser: `app_user_${sfx}`,
    appAdmin: `app_admin_${sfx}`,
  };
  let db: TempDatabase;
  let studio: DevStudio;
  let browser: StudioBrowser;

  beforeAll(async () => {
    ensureRendererBuilt();
    db = await createTempDatabase(server(), 'gh_e2e_roles');
    await superuserQuery(
      server(),
      `CREATE SCHEMA api; CREATE TABLE api.members (id int PRIMARY KEY, name text NOT NULL, email text);`,
      db.name,
    );
    studio = await startDevStudio();
    browser = await launchBrowser();
  });

  // Any uncaught error in the page fails the story it happened in (Monaco's service errors included).
  afterEach(() => {
    const errors = browser ? browser.pageErrors.splice(0) : [];
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
    await db?.drop();
    await superuserQuery(
      server(),
      Object.values(names)
        .map((r) => `DROP ROLE IF EXISTS "${r}";`)
        .join('\n'),
    );
  });

  const pgRows = async (sql: string) => (await superuserQuery(server(), sql, db.name)).rows;

  it('connects to the empty database and sees no PostgREST shape yet', async () => {
    const { page } = browser;
    await page.goto(studio.server.url);
    await connectWith(page, superuserFields(server().superuserUri, db.name, 'Empty app'));
    await page.getByRole('tab', { name: 'Roles' }).click();
    await page.getByTestId('shape-summary').waitFor();
    expect(await page.getByTestId('shape-summary').textContent()).toContain('none found');
  });

  it('sets up authenticator, anon and app_user from the template, reviewing the SQL first', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Set up PostgREST roles' }).click();
    const dialog = page.getByRole('dialog', { name: 'Set up PostgREST roles' });
    await dialog.getByLabel('Authenticator', { exact: true }).fill(names.authenticator);
    await dialog.getByLabel('Authenticator password').fill(`secret-${sfx}`);
    await dialog.getByLabel('Anonymous role').fill(names.anon);
    await dialog.getByLabel('Authenticated role').fill(names.appUser);
    await dialog.getByLabel('API schema').selectOption('api');
    await dialog.getByRole('button', { name: 'Review SQL' }).click();
    const preview = dialog.getByTestId('template-preview');
    await preview.waitFor();
    const sql = (await preview.textContent()) ?? '';
    expect(sql).toContain(
      `CREATE ROLE ${names.authenticator} WITH NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT LOGIN PASSWORD '********'`,
    );
    expect(sql).toContain(`GRANT USAGE ON SCHEMA api TO ${names.anon}`);
    expect(sql).not.toContain(`secret-${sfx}`);
    await browser.shot('roles-01-template-review');
    await dialog.getByRole('button', { name: 'Add to change set' }).click();
    await page.getByTestId('plan-notice').waitFor();
    expect(await page.getByTestId('plan-notice').textContent()).toMatch(/Queued \d+ statements/);
  });

  it('creates app_admin and grants it to the authenticator from the inspector', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'New role' }).click();
    const dialog = page.getByRole('dialog', { name: 'New role' });
    await dialog.getByLabel('Role name').fill(names.appAdmin);
    await dialog.getByRole('button', { name: 'Add to change set' }).click();
    await dialog.waitFor({ state: 'detached' });
  });

  it('applies the change set in one transaction and sees the shape in the graph', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: /^Change set: \d+ pending/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Change set' });
    await drawer.getByRole('button', { name: /^Apply \d+ statements/ }).click();
    await drawer.getByRole('status', { name: 'Apply result' }).waitFor({ timeout: 30_000 });
    expect(await drawer.getByRole('status', { name: 'Apply result' }).textContent()).toContain(
      'in one transaction',
    );
    await page.getByRole('button', { name: 'Close change set' }).click();
    // Graph: the authenticator inferred (LOGIN NOINHERIT, granted the request roles), anon and app_user request roles.
    const graph = page.getByTestId('role-graph');
    await graph.locator(`[data-role="${names.appAdmin}"]`).waitFor({ timeout: 30_000 });
    const summary = (await page.getByTestId('shape-summary').textContent()) ?? '';
    expect(summary).toContain(names.authenticator);
    expect(summary).toContain(names.appUser);
    // Grant app_admin to the authenticator with the form of the authenticator's inspector.
    await graph.locator(`[data-role="${names.authenticator}"]`).click();
    const inspector = page.getByRole('complementary', { name: `Role ${names.authenticator}` });
    await inspector.getByLabel('Role to grant').selectOption(names.appAdmin);
    await inspector.getByRole('button', { name: 'Grant', exact: true }).click();
    await page.getByTestId('plan-notice').waitFor();
    await page.getByRole('button', { name: /^Change set: 1 pending/ }).click();
    await drawer.getByRole('button', { name: 'Apply 1 statement' }).click();
    await drawer.getByRole('status', { name: 'Apply result' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Close change set' }).click();
    const members = await pgRows(
      `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = '${names.authenticator}' ORDER BY 1`,
    );
    expect(members.map((r) => r.rolname)).toEqual([names.anon, names.appAdmin, names.appUser].sort());
    await page
      .getByTestId('shape-summary')
      .getByText(names.appAdmin, { exact: false })
      .waitFor({ timeout: 30_000 });
    await graph.locator(`[data-role="${names.authenticator}"]`).click();
    await page.getByTestId('role-reach').waitFor();
    expect(await page.getByTestId('role-reach').textContent()).toContain(names.appAdmin);
    // The grant form above was scrolled to; choosing the role again opens its inspector at its heading.
    expect(await inspector.evaluate((el) => el.scrollTop)).toBe(0);
    await inspector.getByRole('heading', { name: names.authenticator }).waitFor();
    // Every button of the inspector stays inside its padding: a second button in a row wraps instead of running
    // past the edge (Remove password did, beside Queue password).
    const overruns = await page.evaluate<string[]>(`(() => {
      const el = document.querySelector('.role-inspector');
      const box = el.getBoundingClientRect();
      // the content box's right edge, inside any scrollbar
      const edge = box.left + el.clientLeft + el.clientWidth - parseFloat(getComputedStyle(el).paddingRight);
      return [...el.querySelectorAll('button')]
        .filter((b) => b.getBoundingClientRect().right > edge + 0.5)
        .map((b) => b.textContent);
    })()`);
    expect(overruns).toEqual([]);
    await browser.shot('roles-02-graph-light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await browser.shot('roles-03-graph-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  });

  it('grants SELECT on api.members to app_user in the matrix, applies, and reads it back', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'Grants' }).click();
    const matrix = page.getByTestId('grants-matrix');
    await matrix.waitFor();
    // db-anon-role and the request roles are shown even before they hold anything on the table.
    const cell = page.getByTestId(`cell:api.members:${names.appUser}`);
    await cell.waitFor();
    const select = cell.getByRole('button', { name: `SELECT on api.members for ${names.appUser}: not held` });
    await select.click();
    await page.getByTestId('plan-notice').waitFor();
    expect(await page.getByTestId('plan-notice').textContent()).toContain(
      `GRANT SELECT ON TABLE api.members TO ${names.appUser}`,
    );
    await page.getByRole('button', { name: /^Change set: 1 pending/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Change set' });
    await drawer.getByRole('button', { name: 'Apply 1 statement' }).click();
    await drawer.getByRole('status', { name: 'Apply result' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Close change set' }).click();
    // Applied: the "Queued … apply from the change set" notice is gone.
    await page.getByTestId('plan-notice').waitFor({ state: 'detached' });
    expect(
      (await pgRows(`SELECT has_table_privilege('${names.appUser}', 'api.members', 'SELECT') AS ok`))[0].ok,
    ).toBe(true);
    await cell
      .getByRole('button', { name: `SELECT on api.members for ${names.appUser}: granted directly` })
      .waitFor({ timeout: 30_000 });
    // USAGE on api came from the template: direct on the schema row.
    await page
      .getByTestId(`cell:api:${names.anon}`)
      .getByRole('button', { name: `USAGE on api for ${names.anon}: granted directly` })
      .waitFor();
    await browser.shot('roles-04-matrix-light');
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await browser.shot('roles-05-matrix-dark');
    await page.getByRole('tab', { name: 'Default privileges' }).click();
    await page.getByTestId('default-privileges').waitFor();
    await browser.shot('roles-06-defaults-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    expect(browser.problems).toEqual([]);
  });
  it('selects a rectangle of cells by dragging across the matrix and grants it in one go', async () => {
    const { page } = browser;
    await page.getByRole('tab', { name: 'Matrix' }).click();
    const from = page.getByTestId(`cell:api:${names.anon}`);
    const to = page.getByTestId(`cell:api.members:${names.appUser}`);
    await from.waitFor();
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 8 });
    await page.mouse.up();
    const actions = page.getByTestId('matrix-actions');
    await actions.waitFor();
    // Two rows (the schema api and the table api.members) × the columns from anon to app_user.
    const cells = Number(/^(\d+) cells/.exec((await actions.textContent()) ?? '')?.[1]);
    expect(cells).toBeGreaterThanOrEqual(4);
    expect(cells % 2).toBe(0);
    expect(await from.getAttribute('class')).toContain('selected');
    expect(await to.getAttribute('class')).toContain('selected');
    await browser.shot('roles-07-matrix-drag-selection');
    await actions.getByRole('button', { name: 'Grant' }).click();
    const notice = page.getByTestId('plan-notice');
    await notice.filter({ hasText: `GRANT SELECT ON TABLE api.members TO ${names.anon}` }).waitFor();
    await browser.shot('roles-08-matrix-area-granted');
    expect(browser.problems).toEqual([]);
  });
});
