/** One `gatehouse <name>` subcommand: parses its own arguments, prints, and returns the exit code. */
export interface Command {
  readonly name: string;
  /** One line for `gatehouse --help`. */
  readonly summary: string;
  /** Full usage text for `gatehouse <name> --help`. */
  readonly usage: string;
  run(argv: readonly string[], io: CommandIO): Promise<number>;
}

export interface CommandIO {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: NodeJS.ProcessEnv;
}
