import type { ResolveEnvironment } from './environment.js';

/** An in-memory ResolveEnvironment for tests: files by path with their modes. */
export function fakeEnvironment(
  options: {
    env?: Record<string, string>;
    files?: Record<string, string | { text: string; mode: number }>;
    home?: string;
    username?: string;
    platform?: NodeJS.Platform;
  } = {},
): ResolveEnvironment {
  const files = new Map<string, { text: string; mode: number }>();
  for (const [path, file] of Object.entries(options.files ?? {})) {
    files.set(path, typeof file === 'string' ? { text: file, mode: 0o100600 } : file);
  }
  return {
    env: options.env ?? {},
    home: options.home ?? '/home/ann',
    username: options.username ?? 'ann',
    platform: options.platform ?? 'linux',
    readFile: (path) => files.get(path)?.text,
    fileMode: (path) => files.get(path)?.mode,
  };
}
