import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.js';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: (t: string) => out.push(t), stderr: (t: string) => err.push(t), env: {} },
    out,
    err,
  };
}

describe('runCli', () => {
  it('prints help and exits 0 for --help', async () => {
    const c = capture();
    expect(await runCli(['--help'], c.io)).toBe(0);
    expect(c.out.join('')).toContain('Usage: gatehouse <command>');
  });

  it('names an unknown command and exits 2', async () => {
    const c = capture();
    expect(await runCli(['frobnicate'], c.io)).toBe(2);
    expect(c.err.join('')).toContain('unknown command "frobnicate"');
  });
});
