import { GatehouseError } from '../shared/errors.js';
import type { CommandIO } from './command.js';
import { commands } from './commands/index.js';

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 8);
  return [
    'gatehouse — admin studio for PostgREST databases',
    '',
    'Usage: gatehouse <command> [options]',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Run `gatehouse <command> --help` for the options of one command.',
  ].join('\n');
}

/** Runs one CLI invocation; every failure becomes a message and a non-zero exit code, never a stack trace. */
export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help() + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`gatehouse: unknown command "${name}".\n\n${help()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof GatehouseError) {
      io.stderr(error.format() + '\n');
      return 1;
    }
    io.stderr(`gatehouse ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
