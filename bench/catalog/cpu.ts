import { readFileSync } from 'node:fs';

/**
 * CPU time (user + system, ms) a local process has used, from /proc/<pid>/stat; 0 where /proc is missing.
 * The catalog bench reports the server backend's CPU next to wall time: on a shared 2-core machine wall
 * time mostly measures the neighbours, CPU time measures the work.
 */
export function backendCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the parenthesised command name: state is field 3, utime 14, stime 15 (1-based).
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks * 1000) / 100;
  } catch {
    return 0;
  }
}
