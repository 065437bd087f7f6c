import { readFileSync } from 'node:fs';

/** The fields of /proc/<pid>/stat after the parenthesised command name (state is [0], utime [11]); null without /proc. */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

const ticksToMs = (ticks: number) => (ticks * 1000) / 100;

/**
 * CPU time (user + system, ms) a local process has used, from /proc/<pid>/stat; 0 where /proc is missing.
 * The catalog bench reports the server backend's CPU next to wall time: on a shared 2-core machine wall
 * time mostly measures the neighbours, CPU time measures the work.
 */
export function backendCpuMs(pid: number): number {
  const fields = statFields(pid);
  return fields === null ? 0 : ticksToMs(Number(fields[11]) + Number(fields[12]));
}

/**
 * CPU time (ms) of the exited children a process has reaped (cutime + cstime): for the postmaster, the
 * parallel workers its backends started (and any autovacuum worker that ran meanwhile). 0 without /proc.
 */
export function reapedChildrenCpuMs(pid: number): number {
  const fields = statFields(pid);
  return fields === null ? 0 : ticksToMs(Number(fields[13]) + Number(fields[14]));
}

/** The parent of a local process (a backend's postmaster); 0 without /proc. */
export function parentPid(pid: number): number {
  const fields = statFields(pid);
  return fields === null ? 0 : Number(fields[1]);
}
