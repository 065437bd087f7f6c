import { accessSync, constants, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';

/** Free bytes of a writable directory, or null where it is missing or not writable. */
export type FreeSpace = (dir: string) => number | null;

/** A memory-backed folder most Linux systems have (a container's may be tiny: it must have room). */
export const MEMORY_DIR = '/dev/shm';
/** Room a shadow needs with margin: the template (about 30 MB), its copy and what a folder creates. */
export const MEMORY_DIR_MIN_FREE = 1024 * 1024 * 1024;

const freeSpace: FreeSpace = (dir) => {
  try {
    accessSync(dir, constants.W_OK | constants.X_OK);
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
};

/**
 * The folder shadow clusters (and the template they are copied from) live in: /dev/shm when it has room, else
 * the temp directory. A shadow is rebuilt, never recovered, so nothing of it needs a disk; on a busy disk the
 * file work of a folder's CREATE TABLEs (several files each, fsync off or not) cost five times the rest of the
 * apply (a 2,000-statement folder: 8–10 s on the disk, 1.6–2 s in memory, under the same load).
 */
export function shadowHome(free: FreeSpace = freeSpace, platform: string = process.platform): string {
  if (platform === 'linux') {
    const bytes = free(MEMORY_DIR);
    if (bytes !== null && bytes >= MEMORY_DIR_MIN_FREE) return MEMORY_DIR;
  }
  return tmpdir();
}
