import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startDevStudio, type DevStudio } from '../server/dev.js';
import {
  createTempDatabase,
  pgServers,
  superuserQuery,
  uniqueSuffix,
  type TempDatabase,
} from '../test/pg.js';
import { launchBrowser, screenshotDir, type StudioBrowser } from './support/browser.js';
import { ensureRendererBuilt } from './support/build.js';
import { connectWith, superuserFields } from './support/connect-demo.js';

/**
 * A DBA reviews a dense role model in the graph: reads every membership's label (one member holds several), draws
 * an edge to grant a membership and applies it, zooms and fits, and exports the picture (SVG and PNG) for a design
 * review.
 */
describe('roles graph story: read, draw, zoom and export the role graph', () => {
  const server = () => pgServers().find((s) => s.major === 18) ?? pgServers()[0]!;
  const sfx = uniqueSuffix();
  const n = (base: string) => `${base}_${sfx}`;
  const roles = [
    'auth',
    'anon',
    'app_user',
    'app_admin',
    'auditor',
    'reporting',
    'billing',
    'support',
    'ops',
    'archive',
  ];
  let db: TempDatabase;
  let studio: DevStudio;
  let browser: StudioBrowser;

  beforeAll(async () => {
    ensureRendererBuilt();
    db = await createTempDatabase(server(), 'gh_e2e_roles_graph');
    const major = server().major;
    // auditor is a member of five roles (ADMIN on one, and on 16+ one without INHERIT and one without SET);
    // reporting has four members: the labels of both fans must stay apart.
    const opts = (o: string) => (major >= 16 ? ` WITH ${o}` : '');
    await superuserQuery(
      server(),
      [
        `CREATE ROLE ${n('auth')} LOGIN NOINHERIT`,
        ...roles.slice(1).map((r) => `CREATE ROLE ${n(r)} NOLOGIN`),
        `GRANT ${n('anon')}, ${n('app_user')}, ${n('app_admin')} TO ${n('auth')}`,
        `GRANT ${n('reporting')} TO ${n('auditor')} WITH ADMIN OPTION`,
        `GRANT ${n('billing')} TO ${n('auditor')}${opts('INHERIT FALSE')}`,
        `GRANT ${n('ops')} TO ${n('auditor')}${opts('SET FALSE')}`,
        `GRANT ${n('support')}, ${n('app_user')} TO ${n('auditor')}`,
        `GRANT ${n('reporting')} TO ${n('app_admin')}, ${n('support')}, ${n('ops')}${opts('ADMIN TRUE')}`,
        `GRANT ${n('app_user')} TO ${n('app_admin')}`,
        '',
      ].join(';\n'),
    );
    studio = await startDevStudio();
    browser = await launchBrowser();
  });

  afterEach(() => {
    const errors = browser ? browser.pageErrors.splice(0) : [];
    expect(errors).toEqual([]);
  });

  afterAll(async () => {
    await browser?.close();
    await studio?.close();
    await db?.drop();
    await superuserQuery(server(), roles.map((r) => `DROP ROLE IF EXISTS ${n(r)};`).join('\n'));
  });

  const canvas = () => browser.page.getByTestId('role-graph');
  const node = (r: string) => browser.page.locator(`.react-flow__node[data-id="${n(r)}"]`);
  // React Flow's viewport: translate(x, y) scale(zoom).
  const scale = async () => {
    const style = (await browser.page.locator('.react-flow__viewport').getAttribute('style')) ?? '';
    return Number(/scale\(([^)]+)\)/.exec(style)?.[1] ?? 'NaN');
  };

  it('opens the roles of the database and reads every membership label, none over another', async () => {
    const { page } = browser;
    await page.goto(studio.server.url);
    await connectWith(page, superuserFields(server().superuserUri, db.name, 'Role review'));
    await page.getByRole('tab', { name: 'Roles' }).click();
    await node('auditor').waitFor({ timeout: 30_000 });
    // Only this story's roles (the cluster holds other tests' roles too).
    await page.getByLabel('Search roles').fill(sfx);
    await node('archive').waitFor();
    await page.getByRole('button', { name: 'Fit', exact: true }).click();
    await page.waitForTimeout(400);

    const labels = page.getByTestId('edge-label');
    const texts = await labels.allTextContents();
    // Plain memberships carry no label; what departs from a plain GRANT does.
    expect(texts).toContain('ADMIN');
    if (server().major >= 16) {
      expect(texts).toContain('NOINHERIT');
      expect(texts).toContain('NO SET');
    }
    const boxes = await labels.evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, text: el.textContent };
      }),
    );
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        const overlap = a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
        expect(overlap, `${a.text} over ${b.text}`).toBe(false);
      }
    await browser.shot('roles-graph-01-dense-light');

    // Hovering an edge (or its label) opens its full label: every option and the grantor.
    const open = page.locator('[data-testid="edge-label"].open');
    const edge = page.locator(
      `.react-flow__edge[aria-label^="${n('app_admin')} is a member of ${n('app_user')}"]`,
    );
    const path = (await edge.locator('path.react-flow__edge-path').boundingBox())!;
    await page.mouse.move(path.x + path.width / 2, path.y + path.height / 2);
    await open.waitFor();
    const by = `by ${decodeURIComponent(new URL(server().superuserUri).username)}`;
    expect(await open.textContent()).toBe(server().major >= 16 ? `INHERIT · SET · ${by}` : by);
    await page.mouse.move(5, 5);
    await open.waitFor({ state: 'detached' });
    await page.locator(`[data-edge="${n('auditor')}→${n('ops')}"]`).hover();
    await open.waitFor();
    expect(await open.textContent()).toContain(server().major >= 16 ? 'INHERIT · NO SET · by ' : 'by ');
    await browser.shot('roles-graph-02-label-hover');
    await page.mouse.move(5, 5);
    await page.getByRole('button', { name: 'Switch to dark theme' }).click();
    await browser.shot('roles-graph-03-dense-dark');
    await page.getByRole('button', { name: 'Switch to light theme' }).click();
  });

  it('grants a membership by drawing an edge from the member to the role, and applies it', async () => {
    const { page } = browser;
    const from = node('archive').locator('.react-flow__handle.source');
    const to = node('reporting').locator('.react-flow__handle.target');
    const a = (await from.boundingBox())!;
    const b = (await to.boundingBox())!;
    await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
    await page.mouse.down();
    await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
    await page.mouse.up();
    await page.getByTestId('plan-notice').waitFor();
    expect(await page.getByTestId('plan-notice').textContent()).toContain('Queued 1 statement');

    await page.getByRole('button', { name: /^Change set: 1 pending/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Change set' });
    await drawer
      .getByText(`GRANT ${n('reporting')} TO ${n('archive')}`)
      .first()
      .waitFor();
    await drawer.getByRole('button', { name: 'Apply 1 statement' }).click();
    await drawer.getByRole('status', { name: 'Apply result' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Close change set' }).click();

    const rows = (
      await superuserQuery(
        server(),
        `SELECT r.rolname FROM pg_auth_members m JOIN pg_roles r ON r.oid = m.roleid JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = '${n('archive')}'`,
      )
    ).rows;
    expect(rows.map((r) => r.rolname)).toEqual([n('reporting')]);
    // The graph reads the catalog again and draws the new edge.
    await page
      .locator(`.react-flow__edge[aria-label^="${n('archive')} is a member of ${n('reporting')}"]`)
      .waitFor({ timeout: 30_000 });
    await browser.shot('roles-graph-04-edge-drawn');
  });

  it('is told before apply when a drawn edge would close a cycle, and revokes a membership by deleting its edge', async () => {
    const { page } = browser;
    const drag = async (member: string, role: string) => {
      // A new layout (the grant applied above) is fitted with a short animation: draw once it has come to rest.
      const viewport = page.locator('.react-flow__viewport');
      for (let last = null as string | null; ;) {
        const now = await viewport.getAttribute('style');
        if (now === last) break;
        last = now;
        await page.waitForTimeout(150);
      }
      const a = (await node(member).locator('.react-flow__handle.source').boundingBox())!;
      const b = (await node(role).locator('.react-flow__handle.target').boundingBox())!;
      await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
      await page.mouse.down();
      await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 12 });
      await page.mouse.up();
    };
    // archive is a member of reporting now: reporting → archive would be circular.
    await drag('reporting', 'archive');
    const notice = page.getByTestId('plan-notice');
    await notice.filter({ hasText: 'Not queued' }).waitFor();
    expect(await notice.textContent()).toContain('circular membership');
    // Nothing was queued.
    await page.getByRole('button', { name: /^Change set: 0 pending/ }).waitFor();
    await browser.shot('roles-graph-05-cycle-refused');
    await notice.getByRole('button', { name: 'Dismiss' }).click();

    // Select the edge drawn above and press Delete: the REVOKE lands in the change set.
    const edge = page.locator(
      `.react-flow__edge[aria-label^="${n('archive')} is a member of ${n('reporting')}"]`,
    );
    // A point a fifth of the way along the curve, clear of the labels sitting nearer its middle.
    const at = (await edge.locator('path.react-flow__edge-path').evaluate((p) => {
      const path = p as unknown as {
        getTotalLength(): number;
        getPointAtLength(l: number): { x: number; y: number };
        getScreenCTM(): { a: number; d: number; e: number; f: number };
      };
      const q = path.getPointAtLength(path.getTotalLength() * 0.2);
      const m = path.getScreenCTM();
      return { x: q.x * m.a + m.e, y: q.y * m.d + m.f };
    })) as { x: number; y: number };
    await page.mouse.click(at.x, at.y);
    await page.locator('.react-flow__edge.selected').waitFor();
    await page.keyboard.press('Delete');
    await notice.filter({ hasText: 'Queued 1 statement' }).waitFor();
    await page.getByRole('button', { name: /^Change set: 1 pending/ }).click();
    const drawer = page.getByRole('dialog', { name: 'Change set' });
    await drawer
      .getByText(`REVOKE ${n('reporting')} FROM ${n('archive')}`)
      .first()
      .waitFor();
    await drawer.getByRole('button', { name: 'Apply 1 statement' }).click();
    await drawer.getByRole('status', { name: 'Apply result' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'Close change set' }).click();
    await edge.waitFor({ state: 'detached', timeout: 30_000 });
    const rows = (
      await superuserQuery(
        server(),
        `SELECT 1 FROM pg_auth_members m JOIN pg_roles u ON u.oid = m.member WHERE u.rolname = '${n('archive')}'`,
      )
    ).rows;
    expect(rows).toEqual([]);
  });

  it('zooms with the controls and the keys, and fits every role back into view', async () => {
    const { page } = browser;
    const z0 = await scale();
    await page.getByRole('button', { name: 'Zoom In' }).click();
    await page.waitForTimeout(300);
    const z1 = await scale();
    expect(z1).toBeGreaterThan(z0);
    await canvas().focus();
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.waitForTimeout(300);
    const z2 = await scale();
    expect(z2).toBeGreaterThan(z1);
    await page.keyboard.press('-');
    await page.waitForTimeout(300);
    expect(await scale()).toBeLessThan(z2);
    // Zoomed in this far, some roles are out of view.
    const inView = async () => {
      const c = (await canvas().boundingBox())!;
      const boxes = await Promise.all(
        (await page.locator('.react-flow__node').all()).map(async (l) => (await l.boundingBox())!),
      );
      return boxes.map(
        (b) =>
          b.x >= c.x - 1 &&
          b.y >= c.y - 1 &&
          b.x + b.width <= c.x + c.width + 1 &&
          b.y + b.height <= c.y + c.height + 1,
      );
    };
    expect((await inView()).every(Boolean)).toBe(false);
    await page.keyboard.press('0');
    await page.waitForTimeout(400);
    expect((await inView()).every(Boolean)).toBe(true);
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await page.waitForTimeout(300);
    await page.getByRole('button', { name: 'Fit View' }).click();
    await page.waitForTimeout(400);
    expect((await inView()).every(Boolean)).toBe(true);
    await browser.shot('roles-graph-06-fit');
  });

  it('exports the graph as SVG and as PNG for a design review', async () => {
    const { page } = browser;
    const [svgDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export SVG' }).click(),
    ]);
    expect(svgDownload.suggestedFilename()).toBe(`roles-${db.name}.svg`);
    const svg = readFileSync((await svgDownload.path())!, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    for (const r of roles) expect(svg).toContain(`>${n(r)}<`);
    // The labels the canvas shows, and a key for the plain memberships.
    expect(svg).toContain('>ADMIN<');
    expect(svg).toContain('unlabelled memberships are plain');
    const [, w, h] = /width="(\d+)" height="(\d+)"/.exec(svg)!.map(Number);
    expect(w).toBeGreaterThan(200);
    expect(h).toBeGreaterThan(150);

    const [pngDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export PNG' }).click(),
    ]);
    expect(pngDownload.suggestedFilename()).toBe(`roles-${db.name}.png`);
    const png = readFileSync((await pngDownload.path())!);
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
    // Drawn at 2×.
    expect(png.readUInt32BE(16)).toBe(2 * w!);
    expect(png.readUInt32BE(20)).toBe(2 * h!);
    // Not blank: decoded in the page, a good share of the pixels differ from the background, in several colours.
    const ink = (await page.evaluate(`(async () => {
      const img = new Image();
      img.src = 'data:image/png;base64,${png.toString('base64')}';
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.width, img.height];
      const ctx = c.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let other = 0;
      const colours = new Set();
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] !== d[0] || d[i + 1] !== d[1] || d[i + 2] !== d[2]) other++;
        colours.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
      }
      return { share: other / (d.length / 4), colours: colours.size };
    })()`)) as { share: number; colours: number };
    // Kept beside the screenshots, to look at.
    writeFileSync(join(screenshotDir, 'roles-graph-07-export.png'), png);
    expect(ink.share).toBeGreaterThan(0.1);
    expect(ink.colours).toBeGreaterThan(8);
    expect(browser.problems).toEqual([]);
  });
});
