import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { packageRoot } from '../core/db/sql-files.js';

export interface BinResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  /** The first line of stderr: what a user sees first. */
  readonly firstErrorLine: string;
}

/** Runs `node bin/gatehouse.js …` as a real child process, as a user or a CI job would (tests only). */
export function runBin(
  args: readonly string[],
  options: { env?: NodeJS.ProcessEnv; timeoutMs?: number; input?: string } = {},
): Promise<BinResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(packageRoot(), 'bin/gatehouse.js'), ...args], {
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr, firstErrorLine: stderr.split('\n')[0] ?? '' });
    });
    child.stdin.end(options.input ?? '');
  });
}
