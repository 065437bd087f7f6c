import { loadPostgrestConfig, type PostgrestConfig, type PostgrestVersion } from '../config/index.js';
import type { ConformanceCase } from './cases.js';
import type { ConformanceTarget } from './runner.js';

/** The corpus's postgrest.conf text with a case's own settings appended (later lines win), as a config. */
export function caseConfig(
  baseText: string,
  c: Pick<ConformanceCase, 'config'>,
  version: PostgrestVersion,
  env: Record<string, string | undefined> = {},
): PostgrestConfig {
  const extra = Object.entries(c.config ?? {})
    .map(([k, v]) => `${k} = "${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`)
    .join('\n');
  return loadPostgrestConfig({ text: `${baseText}\n${extra}\n`, env, postgrestVersion: version });
}

/**
 * One target per distinct configuration (cases with their own settings get a target of their own), built on first
 * use and closed together.
 */
export class TargetsByConfig<T extends ConformanceTarget & { close(): Promise<void> }> {
  private readonly targets = new Map<string, T>();

  constructor(
    private readonly baseText: string,
    private readonly version: PostgrestVersion,
    private readonly make: (config: PostgrestConfig) => T,
    private readonly env: Record<string, string | undefined> = {},
  ) {}

  for(c: Pick<ConformanceCase, 'config'>): T {
    const key = JSON.stringify(Object.entries(c.config ?? {}).sort());
    let t = this.targets.get(key);
    if (!t) {
      t = this.make(caseConfig(this.baseText, c, this.version, this.env));
      this.targets.set(key, t);
    }
    return t;
  }

  async close(): Promise<void> {
    for (const t of this.targets.values()) await t.close();
    this.targets.clear();
  }
}
