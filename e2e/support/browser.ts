import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

/** Flags for a Chromium of the operating system's (GATEHOUSE_CHROMIUM): no network chatter, no GPU. */
const systemChromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** @sparticuz/chromium's flags that would weaken what the stories check (same-origin, mixed content): left out. */
const weakeningArgs = new Set(['--disable-web-security', '--allow-running-insecure-content']);

/**
 * The Chromium the stories run in: the one @sparticuz/chromium ships inside its npm tarball (unpacked to the temp
 * dir on first use), or the system's when GATEHOUSE_CHROMIUM names its executable.
 */
async function chromiumToLaunch(): Promise<{ executablePath: string; args: string[] }> {
  const system = process.env.GATEHOUSE_CHROMIUM;
  if (system) return { executablePath: system, args: systemChromiumArgs };
  const { default: packaged } = await import('@sparticuz/chromium');
  packaged.setGraphicsMode = false;
  return {
    executablePath: await packaged.executablePath(),
    args: packaged.args.filter((a) => !weakeningArgs.has(a)),
  };
}

/**
 * A fontconfig file with only the DejaVu fonts from npm (dejavu-fonts-ttf, the fonts Debian's Chromium shows), so
 * that screenshots look the same on every machine, including one without any font installed.
 */
function writeFontConfig(dir: string): string {
  const fonts = join(repoRoot, 'node_modules/dejavu-fonts-ttf/ttf');
  const alias = (generic: string, family: string) =>
    `  <alias><family>${generic}</family><prefer><family>${family}</family></prefer></alias>`;
  const file = join(dir, 'fonts.conf');
  writeFileSync(
    file,
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      `  <dir>${fonts}</dir>`,
      `  <cachedir>${join(dir, 'fontconfig-cache')}</cachedir>`,
      alias('sans-serif', 'DejaVu Sans'),
      alias('serif', 'DejaVu Serif'),
      alias('monospace', 'DejaVu Sans Mono'),
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  return file;
}

/** A headless Chromium with a fresh profile and the repository's fonts. */
export async function launchBrowser(): Promise<StudioBrowser> {
  const root = mkdtempSync(join(tmpdir(), 'gatehouse-e2e-'));
  const profile = join(root, 'profile');
  const { executablePath, args } = await chromiumToLaunch();
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args,
    env: { ...process.env, FONTCONFIG_FILE: writeFontConfig(root) },
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
      rmSync(root, { recursive: true, force: true });
    },
  };
}
