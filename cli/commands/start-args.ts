import { portFlag, UsageError } from '../args.js';

export interface StartOptions {
  readonly port: number;
  readonly open: boolean;
}

export function parseStartArgs(argv: readonly string[], env: NodeJS.ProcessEnv): StartOptions {
  let port = 0;
  let open = env.CI !== 'true' && env.CI !== '1';
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--no-open') open = false;
    else if (arg === '--port' || arg.startsWith('--port=')) {
      const value = arg === '--port' ? argv[++i] : arg.slice('--port='.length);
      port = portFlag(value ?? '', 0);
    } else {
      throw new UsageError(`unknown option "${arg}".`);
    }
  }
  return { port, open };
}

/** The system's "open this URL" command, or null when there is no desktop to open it on. */
export function browserCommand(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
): { command: string; args: (url: string) => string[] } | null {
  if (platform === 'darwin') return { command: 'open', args: (url) => [url] };
  if (platform === 'win32') return { command: 'cmd', args: (url) => ['/c', 'start', '""', url] };
  if (!env.DISPLAY && !env.WAYLAND_DISPLAY) return null;
  return { command: 'xdg-open', args: (url) => [url] };
}
