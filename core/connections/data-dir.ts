import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Gatehouse's per-user data folder (saved connections, the embedded cluster): GATEHOUSE_DATA_DIR, else the
 * platform's convention — XDG_DATA_HOME or ~/.local/share on Linux, Application Support on macOS, %APPDATA% on Windows.
 */
export function userDataDir(
  env: Readonly<Record<string, string | undefined>> = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (env.GATEHOUSE_DATA_DIR) return env.GATEHOUSE_DATA_DIR;
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'gatehouse');
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'gatehouse');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'gatehouse');
}
