import { afterAll, beforeAll } from 'vitest';
import { startDevStudio, type DevStudio } from '../../server/dev.js';
import { pgServers } from '../../test/pg.js';
import { launchBrowser, type StudioBrowser } from './browser.js';
import { ensureRendererBuilt } from './build.js';
import { connectToDemo } from './connect-demo.js';
import { seedDemoDatabase, type DemoDatabase } from './demo-db.js';
import { configureDemoPostgrest } from './postgrest-config.js';

/** What a story on the demo shop works with, once its beforeAll has run. */
export interface DemoStory {
  readonly demo: DemoDatabase;
  readonly studio: DevStudio;
  readonly browser: StudioBrowser;
}

export interface DemoStoryOptions {
  /** Changes to the demo made before the studio first reads its catalog (as the superuser, say). */
  readonly prepare?: (demo: DemoDatabase) => Promise<void>;
  /** The beforeAll's timeout, for a story whose preparation is long. */
  readonly timeoutMs?: number;
}

/**
 * The frame every story on the demo shop shares: the renderer built, the demo seeded on the newest server of the
 * matrix and prepared, a browser-mode studio and Chromium started; all of it closed after the story, whatever
 * failed. Registers the story's beforeAll/afterAll, so call it at the top of its describe.
 */
export function demoStory(options: DemoStoryOptions = {}): DemoStory {
  const parts: { demo?: DemoDatabase; studio?: DevStudio; browser?: StudioBrowser } = {};
  beforeAll(async () => {
    ensureRendererBuilt();
    const servers = pgServers();
    const server = servers.find((s) => s.major === 18) ?? servers[0]!;
    parts.demo = await seedDemoDatabase(server);
    await options.prepare?.(parts.demo);
    parts.studio = await startDevStudio();
    parts.browser = await launchBrowser();
  }, options.timeoutMs);
  afterAll(async () => {
    await parts.browser?.close();
    await parts.studio?.close();
    await parts.demo?.drop();
  });
  const started = <K extends keyof DemoStory>(key: K): DemoStory[K] => {
    const part = parts[key];
    if (part === undefined)
      throw new Error(`the story's ${key} is not started (its beforeAll failed or has not run)`);
    return part as DemoStory[K];
  };
  return {
    get demo() {
      return started('demo');
    },
    get studio() {
      return started('studio');
    },
    get browser() {
      return started('browser');
    },
  };
}

/** A story's first step: the studio opened, the demo connected, and act-as given the demo's postgrest.conf. */
export async function openDemoWithPostgrest(story: DemoStory, secret: string): Promise<void> {
  const { page } = story.browser;
  await page.goto(story.studio.server.url);
  await connectToDemo(page, story.demo);
  await configureDemoPostgrest(page, story.demo, secret);
}
