import { existsSync, readFileSync, statSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';

/**
 * Everything connection resolution reads from the outside world, injectable so the libpq rules can be
 * unit-tested without touching the real home directory or environment.
 */
export interface ResolveEnvironment {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly home: string;
  /** The OS user name: libpq's default user. */
  readonly username: string;
  readonly platform: NodeJS.Platform;
  /** File contents, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** st_mode of the file, or undefined when it does not exist. */
  fileMode(path: string): number | undefined;
}

export function systemEnvironment(env: NodeJS.ProcessEnv = process.env): ResolveEnvironment {
  let username = 'postgres';
  try {
    username = userInfo().username;
  } catch {
    // No passwd entry (some containers): libpq would fail too; keep a sensible default.
  }
  return {
    env,
    home: homedir(),
    username,
    platform: process.platform,
    readFile: (path) => {
      try {
        return readFileSync(path, 'utf8');
      } catch {
        return undefined;
      }
    },
    fileMode: (path) => {
      try {
        return existsSync(path) ? statSync(path).mode : undefined;
      } catch {
        return undefined;
      }
    },
  };
}
