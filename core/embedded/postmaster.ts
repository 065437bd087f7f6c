import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A postmaster that holds a data directory right now, from its postmaster.pid lock file. */
export interface LivePostmaster {
  readonly pid: number;
  readonly port: number;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user (postgres, when we are root).
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live postmaster of `dataDir`, or null (no lock file, or a stale one PostgreSQL will clean up). */
export function livePostmaster(dataDir: string): LivePostmaster | null {
  let lines: string[];
  try {
    lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return null;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || !alive(pid)) return null;
  return { pid, port };
}

/**
 * Whether the postmaster outlived the Gatehouse that started it (killed with SIGKILL, crashed): its
 * parent is then init (pid 1). Only knowable on Linux; elsewhere we assume someone still owns it.
 */
export function isOrphaned(pid: number): boolean {
  if (process.platform !== 'linux') return false;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state, ppid, …
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return ppid === 1;
  } catch {
    return false;
  }
}

/** Asks a postmaster for a fast shutdown (SIGINT) and waits until it is gone. */
export async function stopPostmaster(pid: number, timeoutMs = 15_000): Promise<void> {
  try {
    process.kill(pid, 'SIGINT');
  } catch {
    return;
  }
  const deadline = Date.now() + timeoutMs;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
}
