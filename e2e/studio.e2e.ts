import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevStudio, type DevStudio } from '../server/dev.js';
import { pgServers, superuserQuery, type TestServer } from '../test/pg.js';
import { launchBrowser, type StudioBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { seedDemoDatabase, type DemoDatabase } from './support/demo-db.js';
import { demoFields, fillConnectionForm } from './support/connect-demo.js';
import type { Page } from 'playwright-core';

/** Where the top bar's parts end up: the tabs' heights, its right-most control, the page's scroll width. */
async function topBarLayout(
  page: Page,
): Promise<{ tabHeights: number[]; rightEdge: number; pageWidth: number }> {
  // A string, evaluated in the page: the node-side tsconfig has no DOM types.
  return page.evaluate(`(() => {
    const bar = document.querySelector('.topbar');
    const shown = (sel) => [...bar.querySelectorAll(sel)].filter((e) => !e.closest('[aria-hidden]'));
    return {
      tabHeights: shown('[role="tab"], .panel-more-button').map((t) => t.getBoundingClientRect().height),
      rightEdge: Math.max(...shown('button').map((c) => c.getBoundingClientRect().right)),
      pageWidth: document.documentElement.scrollWidth,
    };
  })()`);
}

/** The object's own tabs (Columns, Policies, Grants …), apart from the panels of the top bar. */
const objectTabs = (page: Page) => page.getByRole('tablist', { name: 'Object details' });

/**
 * A PostgREST developer's first session: open the studio from the printed link, mistype the password,
 * connect as the (non-superuser) owner of the demo API, and inspect a table with RLS tab by tab.
 */
describe('studio story: connect and inspect a table with RLS', () => {
  let demo: DemoDatabase;
  let studio: DevStudio;
  let browser: StudioBrowser;
  let server: TestServer;

  beforeAll(async () => {
    ensureRendererBuilt();
    server = pgServers().find((s) => s.major === 18) ?? pgServers()[0]!;
    demo = await seedDemoDatabase(server);
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
    await demo?.drop();
  });

  it('opens with the token link, then drops the token from the address bar', async () => {
    const { page } = browser;
    await page.goto(studio.server.url);
    await page.getByRole('heading', { name: 'New connection' }).waitFor();
    expect(page.url()).not.toContain('token=');
    // The cookie that backs the token is HttpOnly: page scripts cannot read it.
    expect(await page.evaluate('document.cookie')).toBe('');
    const cookies = await page.context().cookies();
    expect(cookies.find((c) => c.name.startsWith('gatehouse_token_'))).toMatchObject({
      httpOnly: true,
      sameSite: 'Strict',
    });
    await page.getByText('No saved connections yet').waitFor();
    await browser.shot('01-connect-empty');
  });

  it('names the problem when the password is wrong', async () => {
    const { page } = browser;
    await fillConnectionForm(page, {
      ...demoFields(demo, 'Demo shop (local)'),
      password: 'not-the-password',
    });
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toContain('GH101');
    expect(await page.getByLabel('Password').getAttribute('aria-invalid')).toBe('true');
    await browser.shot('02-bad-password');
  });

  it('connects as the non-superuser owner and shows who we are', async () => {
    const { page } = browser;
    await page.getByLabel('Password').fill(demo.developerPassword);
    await page.getByRole('button', { name: 'Connect', exact: true }).click();
    await page.getByRole('tree', { name: 'Schemas' }).waitFor({ timeout: 30_000 });
    const who = page.getByLabel('Connected as');
    expect(await who.textContent()).toContain(demo.names.developer);
    expect(await who.textContent()).not.toContain('superuser');
    expect(await page.getByLabel('Connections').textContent()).toContain('Demo shop (local)');
    await page.getByRole('heading', { name: `Connected to ${demo.names.database}` }).waitFor();
    await browser.shot('03-connected');
  });

  it('browses schemas with owner and RLS badges, and filters them', async () => {
    const { page } = browser;
    const orders = page.getByRole('treeitem', { name: 'table api.orders' });
    expect(await orders.textContent()).toContain('RLS');
    await page.getByTitle(`Schema api, owned by ${demo.names.developer}`).waitFor();
    const products = page.getByRole('treeitem', { name: 'table api.products' });
    expect(await products.textContent()).toContain('no RLS');
    await page.getByLabel('Filter objects').fill('order');
    await page.getByText('objects match').waitFor();
    expect(await page.getByRole('treeitem', { name: 'table api.products' }).count()).toBe(0);
    expect(await page.getByRole('treeitem', { name: 'table internal.order_audit' }).count()).toBe(1);
    await page.getByLabel('Filter objects').fill('');
    await page.getByTitle(`Schema api, owned by ${demo.names.developer}`).click();
    await page.getByRole('heading', { name: 'api' }).waitFor();
    const relations = page.getByRole('table', { name: 'Relations' });
    expect(await relations.getByRole('row', { name: /orders .*RLS/ }).count()).toBeGreaterThan(0);
    expect(await relations.getByRole('row', { name: /products .*no RLS/ }).count()).toBe(1);
    await browser.shot('03b-schema');
  });

  it('shows the columns of a table with RLS', async () => {
    const { page } = browser;
    await page.getByRole('treeitem', { name: 'table api.orders' }).click();
    await page.getByRole('heading', { name: 'orders' }).waitFor();
    const columns = page.getByRole('table', { name: 'Columns' });
    for (const name of ['id', 'user_id', 'status', 'created_at']) {
      await columns
        .getByRole('cell', { name: new RegExp(`^${name}\\b`) })
        .first()
        .waitFor();
    }
    expect(await columns.textContent()).toContain('timestamp with time zone');
    expect(await columns.textContent()).toContain('ALWAYS');
    expect(await columns.textContent()).toContain('Owner of the order');
    await browser.shot('04-table-columns');
  });

  it('says a table has no triggers with an empty state, not a header over nothing', async () => {
    const { page } = browser;
    await page.getByRole('treeitem', { name: 'table api.customers' }).click();
    await page.getByRole('heading', { name: 'customers' }).waitFor();
    await objectTabs(page)
      .getByRole('tab', { name: /Triggers/ })
      .click();
    await page.locator('.detail-body').getByRole('status').filter({ hasText: 'No triggers.' }).waitFor();
    expect(await page.locator('.detail-body table').count()).toBe(0);
    await browser.shot('04b-empty-triggers');
    await page.getByRole('treeitem', { name: 'table api.orders' }).click();
    await page.getByRole('heading', { name: 'orders' }).waitFor();
  });

  it('shows its constraints with a clickable foreign-key target', async () => {
    const { page } = browser;
    await objectTabs(page)
      .getByRole('tab', { name: /Constraints/ })
      .click();
    const fk = page.getByRole('button', { name: /api\.customers\(sub\)/ });
    await fk.waitFor();
    await fk.click();
    await page.getByRole('heading', { name: 'customers' }).waitFor();
    await page.evaluate('history.back()');
    await page.getByRole('heading', { name: 'orders' }).waitFor();
  });

  it('shows its policies with roles and expressions', async () => {
    const { page } = browser;
    await objectTabs(page)
      .getByRole('tab', { name: /Policies/ })
      .click();
    const owner = page.getByRole('article', { name: 'policy orders_owner' });
    await owner.waitFor();
    const text = (await owner.textContent()) ?? '';
    expect(text).toContain('ALL');
    expect(text).toContain('permissive');
    expect(text).toContain(demo.names.appUser);
    expect(text).toContain("current_setting('request.jwt.claims'");
    await page.getByRole('article', { name: 'policy orders_admin' }).waitFor();
    await browser.shot('05-table-policies');
  });

  it('shows its grants as the grants matrix narrowed to the table, column grants under it', async () => {
    const { page } = browser;
    await objectTabs(page)
      .getByRole('tab', { name: /Grants/ })
      .click();
    await page.getByTestId('object-grants').waitFor();
    const held = (row: string, role: string, privilege: string) =>
      page
        .getByTestId(`cell:${row}:${role}`)
        .getByRole('button', {
          name: new RegExp(`^${privilege} on ${row.replace('.', '\\.')} for ${role}: `),
        })
        .getAttribute('aria-label');
    expect(await held('api.orders', demo.names.appUser, 'SELECT')).toMatch(/granted directly$/);
    expect(await held('api.orders', demo.names.appUser, 'DELETE')).toMatch(/not held$/);
    expect(await held('api.orders', demo.names.appUser, 'UPDATE')).toMatch(/not held$/);
    // UPDATE is granted on the column status only: its row, under the table, says so.
    expect(await held('status', demo.names.appUser, 'UPDATE')).toMatch(/granted directly$/);
    expect(await held('user_id', demo.names.appUser, 'UPDATE')).toMatch(/not held$/);
    expect(await held('api.orders', demo.names.appAdmin, 'DELETE')).toMatch(/granted directly$/);
    // Only this table and its columns: no other object's rows.
    expect(await page.locator('[data-row^="r.api.products"]').count()).toBe(0);
    // db-anon-role is there even though it holds nothing on orders.
    await page.getByTestId(`holds-nothing:${demo.names.anon}`).waitFor();
    // Seven grantees do not fit: the cut edge fades until the matrix is scrolled to its end.
    const frame = page.locator('.matrix-frame');
    expect(await frame.getAttribute('data-more-right')).not.toBeNull();
    await browser.shot('06-table-grants');
    await page.getByTestId('grants-matrix').evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect.poll(() => frame.getAttribute('data-more-right')).toBeNull();
    expect(await frame.getAttribute('data-more-left')).not.toBeNull();
    await page.getByTestId('grants-matrix').evaluate((el) => el.scrollTo({ left: 0 }));
  });

  it('shows its DDL in a read-only Monaco editor', async () => {
    const { page } = browser;
    await objectTabs(page).getByRole('tab', { name: 'DDL' }).click();
    const ddl = page.locator('.ddl');
    await ddl.locator('.monaco-editor').waitFor({ timeout: 30_000 });
    const sql = (await ddl.getAttribute('data-sql')) ?? '';
    expect(sql).toContain('CREATE TABLE api.orders (');
    expect(sql).toContain('ENABLE ROW LEVEL SECURITY');
    expect(sql).toContain('CREATE POLICY orders_owner ON api.orders');
    await page.locator('.view-lines').first().waitFor();
    expect(await page.locator('.view-lines').first().textContent()).toContain('CREATE');
    await browser.shot('07-table-ddl');
  });

  it('shows a security_invoker view with the base columns it shows', async () => {
    const { page } = browser;
    await page.getByRole('treeitem', { name: 'view api.order_totals' }).click();
    await page.getByRole('heading', { name: 'order_totals' }).waitFor();
    await page.getByText('security_invoker', { exact: true }).waitFor();
    const columns = page.getByRole('table', { name: 'Columns' });
    expect(await columns.textContent()).toContain('api.orders.user_id');
    expect(await columns.textContent()).toContain('expression');
    await browser.shot('07b-view');
    await page.getByRole('treeitem', { name: 'table api.orders' }).click();
    await page.getByRole('heading', { name: 'orders' }).waitFor();
  });

  it('toggles the theme and remembers it', async () => {
    const { page } = browser;
    await objectTabs(page)
      .getByRole('tab', { name: /Policies/ })
      .click();
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
    await browser.shot('08-dark-policies');
    await objectTabs(page)
      .getByRole('tab', { name: /Grants/ })
      .click();
    await browser.shot('09-dark-grants');
    await page.reload();
    await page.getByRole('heading', { name: 'orders' }).waitFor();
    expect(await page.locator('html').getAttribute('data-theme')).toBe('dark');
  });

  it('quick-opens an object with Ctrl+K and shows shortcuts with ?', async () => {
    const { page } = browser;
    await page.keyboard.press('Control+k');
    await page.getByLabel('Find an object').fill('ord');
    await page.getByRole('option').first().waitFor();
    await browser.shot('11-quick-open');
    await page.getByLabel('Find an object').fill('place');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /place_order/ }).waitFor();
    await browser.shot('12-function');
    expect(await page.getByRole('table', { name: 'Arguments' }).textContent()).toContain('quantity');
    await page.locator('body').click({ position: { x: 700, y: 600 } });
    await page.keyboard.press('?');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await shortcuts.waitFor();
    // Every shortcut: the global ones, the editors' and the layout's.
    for (const group of [
      'Anywhere',
      'Navigator',
      'SQL editor and act-as console',
      'Data and change set',
      'Layout',
    ])
      await shortcuts.getByRole('region', { name: group }).waitFor();
    expect(await shortcuts.textContent()).toContain('F5');
    expect(await shortcuts.textContent()).toContain('splitter');
    await browser.shot('11b-shortcuts');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Control+b');
    expect(await page.getByRole('navigation', { name: 'Database objects' }).isVisible()).toBe(false);
    await page.keyboard.press('Control+b');
    expect(await page.getByRole('navigation', { name: 'Database objects' }).isVisible()).toBe(true);
  });

  it('keeps the top bar on one line at 1280 and 1024 px, in both themes, with the rest in More', async () => {
    const { page } = browser;
    // How many panels there are: on a wide window every one has its tab and there is no More.
    await page.setViewportSize({ width: 1920, height: 900 });
    await page.waitForTimeout(150);
    expect(await page.getByRole('button', { name: /^More/ }).count()).toBe(0);
    const panelCount = await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab').count();
    expect(panelCount).toBeGreaterThanOrEqual(7);
    for (const theme of ['light', 'dark'] as const) {
      if ((await page.locator('html').getAttribute('data-theme')) !== theme)
        await page.getByRole('button', { name: `Switch to ${theme} theme` }).click();
      for (const width of [1280, 1024]) {
        await page.setViewportSize({ width, height: 800 });
        await page.waitForTimeout(150);
        const bar = await topBarLayout(page);
        // One line: every tab is as tall as one button; nothing is pushed past the right edge.
        expect(bar.tabHeights.every((h) => h <= 32)).toBe(true);
        expect(bar.rightEdge).toBeLessThanOrEqual(width);
        expect(bar.pageWidth).toBeLessThanOrEqual(width);
        for (const name of [
          'Keyboard shortcuts',
          'Refresh catalog',
          `Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`,
        ]) {
          const box = await page.getByRole('button', { name }).boundingBox();
          expect(box && box.x + box.width).toBeLessThanOrEqual(width);
        }
        const tabs = await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab').count();
        const more = page.getByRole('button', { name: /^More/ });
        const hidden =
          (await more.count()) > 0 ? ((await more.getAttribute('title')) ?? '').split(', ').length : 0;
        // Every panel is reachable: in the bar or in the menu.
        expect(tabs + hidden).toBe(panelCount);
        await browser.shot(`15-topbar-${width}-${theme}`);
      }
    }
    // At 1024 px some panels are in More: open the menu, pick one, it opens and takes a place in the bar.
    const more = page.getByRole('button', { name: /^More/ });
    await more.click();
    const menu = page.getByRole('menu', { name: 'More panels' });
    await menu.waitFor();
    await browser.shot('16-topbar-more-menu');
    const last = menu.getByRole('menuitem').last();
    const title = (await last.locator('.t').textContent()) ?? '';
    await last.click();
    await menu.waitFor({ state: 'detached' });
    await page
      .getByRole('tablist', { name: 'Panels' })
      .getByRole('tab', { name: title, selected: true })
      .waitFor();
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Explorer' }).click();
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('opens every panel at 1280 px without the window scrolling sideways', async () => {
    const { page } = browser;
    await page.setViewportSize({ width: 1920, height: 900 });
    await page.waitForTimeout(150);
    // Every panel, the ones added later (Diff…) included.
    const names = (
      await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab').allTextContents()
    ).filter((n) => n !== 'Explorer');
    await page.setViewportSize({ width: 1280, height: 800 });
    for (const name of names) {
      const tab = page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name, exact: true });
      if ((await tab.count()) === 0) {
        await page.getByRole('button', { name: /^More/ }).click();
        await page.getByRole('menuitem', { name: new RegExp(`^${name}`) }).click();
      } else await tab.click();
      await page
        .getByRole('tablist', { name: 'Panels' })
        .getByRole('tab', { name, selected: true })
        .waitFor();
      await page.locator('.panel-host .loading').first().waitFor({ state: 'detached', timeout: 30_000 });
      await page.waitForTimeout(300);
      const layout = (await page.evaluate(`(() => {
        const host = document.querySelector('.panel-host');
        const first = host && host.firstElementChild;
        return {
          pageWidth: document.documentElement.scrollWidth,
          bodyScrollX: window.scrollX,
          hostRight: host ? host.getBoundingClientRect().right : 0,
          contentLeft: first ? first.getBoundingClientRect().left : 0,
        };
      })()`)) as { pageWidth: number; bodyScrollX: number; hostRight: number; contentLeft: number };
      // The window never scrolls sideways; a panel starts at the left edge and ends at the right one.
      expect({ name, ...layout }).toEqual({
        name,
        pageWidth: 1280,
        bodyScrollX: 0,
        hostRight: 1280,
        contentLeft: 0,
      });
      await browser.shot(`20-panel-${name.toLowerCase().replace(' ', '-')}-1280`);
    }
    await page.getByRole('tablist', { name: 'Panels' }).getByRole('tab', { name: 'Explorer' }).click();
    await page.setViewportSize({ width: 1440, height: 900 });
  });

  it('resizes the navigator with its splitter, keeps the width over a reload, and resets on double click', async () => {
    const { page } = browser;
    const nav = page.getByRole('navigation', { name: 'Database objects' });
    const splitter = page.getByRole('separator', { name: 'Resize the navigator' });
    const width = async () => Math.round((await nav.boundingBox())!.width);
    const initial = await width();
    await splitter.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    expect(await width()).toBe(initial + 80);
    expect(await splitter.getAttribute('aria-valuenow')).toBe(String(initial + 80));
    await browser.shot('17-navigator-resized');
    await page.reload();
    await nav.waitFor();
    expect(await width()).toBe(initial + 80);
    await splitter.dblclick();
    expect(await width()).toBe(initial);
  });

  it('shows a banner when the connection is lost and reconnects keeping what was typed', async () => {
    const { page } = browser;
    await page.getByRole('treeitem', { name: 'table api.orders' }).click();
    await page.getByLabel('Filter objects').fill('ord');
    await page.getByRole('button', { name: 'Refresh catalog' }).click();
    await page.waitForTimeout(500);
    await superuserQuery(
      server,
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
        WHERE usename = '${demo.names.developer}' AND datname = '${demo.names.database}'`,
    );
    const banner = page.getByRole('alert', { name: 'Connection lost' });
    await banner.waitFor({ timeout: 15_000 });
    expect(await banner.textContent()).toContain('Demo shop (local)');
    await browser.shot('10-connection-lost');
    await banner.getByRole('button', { name: 'Reconnect' }).click();
    await banner.waitFor({ state: 'detached', timeout: 15_000 });
    expect(await page.getByLabel('Filter objects').inputValue()).toBe('ord');
    await page.getByRole('heading', { name: 'orders' }).waitFor();
  });

  it('warns when testing a superuser connection', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Connections' }).click();
    // What was typed earlier is still in the form.
    expect(await page.getByLabel('Database').inputValue()).toBe(demo.names.database);
    await page.getByLabel('User').fill(demo.superuser);
    await page.getByLabel('Password').fill(demo.superuserPassword);
    await page.getByRole('button', { name: 'Test', exact: true }).click();
    const ok = page.getByRole('status').filter({ hasText: 'Connected as' });
    await ok.waitFor();
    expect(await ok.textContent()).toContain('superuser');
    await browser.shot('13-superuser-warning');
  });

  it('switches the form between fields and URI keeping what was typed, both ways', async () => {
    const { page } = browser;
    const form = page.getByRole('group', { name: 'Connection input' });
    await form.getByRole('button', { name: 'URI' }).click();
    const uri = page.getByLabel('Connection URI');
    expect(await uri.inputValue()).toBe(
      `postgres://${demo.superuser}@${demo.host}:${demo.port}/${demo.names.database}`,
    );
    // The password typed in the fields is still there, in its own field, never in the URI.
    expect(await page.getByLabel(/^Password/).inputValue()).toBe(demo.superuserPassword);
    await uri.fill(
      `postgres://${demo.names.developer}@${demo.host}:${demo.port}/${demo.names.database}?sslmode=disable`,
    );
    await browser.shot('18-connection-uri');
    await form.getByRole('button', { name: 'Fields' }).click();
    expect(await page.getByLabel('User').inputValue()).toBe(demo.names.developer);
    expect(await page.getByLabel('Host').inputValue()).toBe(demo.host);
    expect(await page.getByLabel('Port').inputValue()).toBe(String(demo.port));
    expect(await page.getByLabel('Database').inputValue()).toBe(demo.names.database);
    expect(await page.getByLabel('SSL mode').inputValue()).toBe('disable');
    // A URI with options the fields have no place for is not half-copied: the form says so.
    await form.getByRole('button', { name: 'URI' }).click();
    await uri.fill(
      `postgres://${demo.names.developer}@${demo.host}:${demo.port}/${demo.names.database}?application_name=x`,
    );
    await form.getByRole('button', { name: 'Fields' }).click();
    expect(await page.getByRole('status', { name: 'URI not copied' }).textContent()).toContain(
      'application_name',
    );
    expect(await page.getByLabel('SSL mode').inputValue()).toBe('disable');
    await browser.shot('19-connection-uri-not-copied');
    await page.getByLabel('SSL mode').selectOption('');
  });

  it('saves a connection and opens it from the list', async () => {
    const { page } = browser;
    await page.getByLabel('Name').fill('Demo shop (saved)');
    await page.getByLabel('User').fill(demo.names.developer);
    await page.getByLabel('Password').fill(demo.developerPassword);
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.getByRole('status').filter({ hasText: 'Saved “Demo shop (saved)”' }).waitFor();
    const list = page.getByRole('region', { name: 'Saved connections' });
    expect(await list.textContent()).toContain(
      `${demo.names.developer}@${demo.host}:${demo.port}/${demo.names.database}`,
    );
    await list.getByRole('button', { name: 'Open Demo shop (saved)' }).click();
    await page.getByRole('tree', { name: 'Schemas' }).waitFor();
    expect(await page.getByLabel('Connections').textContent()).toContain('Demo shop (saved)');
  });

  it('lists open connections, switches between them and disconnects one', async () => {
    const { page } = browser;
    await page.getByRole('button', { name: 'Connections' }).click();
    const open = page.getByRole('region', { name: 'Open connections' });
    await open.getByRole('button', { name: 'Disconnect Demo shop (local)' }).waitFor();
    await browser.shot('14-open-connections');
    await open.getByRole('button', { name: 'Disconnect Demo shop (local)' }).click();
    await open.getByRole('button', { name: 'Disconnect Demo shop (local)' }).waitFor({ state: 'detached' });
    await open.getByRole('button', { name: 'Switch to Demo shop (saved)' }).click();
    await page.getByRole('tree', { name: 'Schemas' }).waitFor();
  });

  it('ran without console errors or CSP violations', () => {
    // The failed login answers 200 with an envelope, so no network error is expected either.
    expect(browser.problems.filter((p) => !p.includes('favicon'))).toEqual([]);
  });
});
