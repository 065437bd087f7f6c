import { GatehouseError } from '../../shared/errors.js';

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
      const n = Number(value);
      if (!value || !Number.isInteger(n) || n < 0 || n > 65535) {
        throw new GatehouseError('GH300', `--port needs a port number, not "${value ?? ''}".`, {
          hint: 'Example: gatehouse start --port 4321',
        });
      }
      port = n;
    } else {
      throw new GatehouseError('GH300', `Unknown option "${arg}" for gatehouse start.`, {
        hint: 'Run `gatehouse start --help`.',
      });
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
