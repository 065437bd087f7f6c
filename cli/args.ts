import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A mistake in how the command was called (unknown flag, missing argument): exit status 2, not 1. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util's parseArgs, strict, with its complaints turned into a UsageError. */
export function parseCommandArgs<const O extends Options, const P extends boolean = false>(
  argv: readonly string[],
  options: O,
  allowPositionals?: P,
): ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: P }>> {
  try {
    return parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: (allowPositionals ?? false) as P,
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}

/** The value of a required flag, or a UsageError naming it with an example. */
export function required(value: string | undefined, flag: string, example: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required (e.g. ${example}).`);
  return value;
}

/** A TCP port flag: an integer 0–65535 (0 picks a free port). */
export function portFlag(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535)
    throw new UsageError(`--port needs a port number from 0 to 65535 (0 picks a free one), not "${value}".`);
  return n;
}
