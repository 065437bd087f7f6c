import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { repoRoot } from './build.js';

export const screenshotDir = join(repoRoot, 'test-results/screenshots');

export interface StudioBrowser {
  readonly page: Page;
  /** Console errors and CSP violations seen so far. */
  readonly problems: string[];
  shot(name: string): Promise<string>;
  close(): Promise<void>;
}

/** The system Chromium with a fresh profile, no network chatter and no GPU. */
export async function launchBrowser(): Promise<StudioBrowser> {
  const profile = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-profile-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
    viewport: { width: 1440, height: 900 },
    colorScheme: 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(e.message));
  mkdirSync(screenshotDir, { recursive: true });
  return {
    page,
    problems,
    async shot(name) {
      const path = join(screenshotDir, `${name}.png`);
      await page.screenshot({ path });
      return path;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
