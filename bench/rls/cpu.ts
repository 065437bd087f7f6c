import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * CPU time of this process plus a PostgreSQL cluster's (the postmaster, its live backends, and the backends it
 * has reaped), in ms. On a loaded machine the matrix's wall time mostly measures waiting for a core; the CPU it
 * costs on both sides is what an idle machine would wait at most (the persona connections run in parallel).
 * Linux only (/proc); elsewhere the cluster counts as 0.
 */
export function cpuMeter(dataDir: string): () => number {
  const ticks = clockTicks();
  const postmaster = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  const stat = (pid: number | string): string[] | null => {
    try {
      const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // the command name is in parentheses and may hold spaces: fields start after its closing one
      return text.slice(text.lastIndexOf(')') + 2).split(' ');
    } catch {
      return null;
    }
  };
  // fields after the name: [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime (proc(5), minus 3)
  const clusterTicks = (): number => {
    const own = stat(postmaster);
    if (own === null) return 0;
    let sum = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const s = stat(entry);
      if (s !== null && Number(s[1]) === postmaster) sum += Number(s[11]) + Number(s[12]);
    }
    return sum;
  };
  return () => {
    const node = process.cpuUsage();
    return (node.user + node.system) / 1000 + (clusterTicks() * 1000) / ticks;
  };
}

function clockTicks(): number {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
}
