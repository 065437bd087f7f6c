import { GatehouseError } from '../shared/errors.js';
import { UsageError } from './args.js';
import type { CommandIO } from './command.js';
import { commands } from './commands/index.js';
import { gatehouseVersion } from './version.js';

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
    'Run `gatehouse <command> --help` for the options of one command, `gatehouse --version` for the version.',
    'Exit status: 0 success, 1 failure (bad input, connection, failed cases), 2 wrong usage.',
  ].join('\n');
}

/**
 * Runs one CLI invocation and returns its exit status: 0 success, 1 failure, 2 usage error. Every failure
 * becomes a message whose first line says what went wrong, never a stack trace.
 */
export async function runCli(argv: readonly string[], io: CommandIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help() + '\n');
    return 0;
  }
  if (name === '--version' || name === '-V') {
    io.stdout(`gatehouse ${gatehouseVersion()}\n`);
    return 0;
  }
  if (name === undefined) {
    io.stderr(`gatehouse: no command given.\n\n${help()}\n`);
    return 2;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    const hint = name.startsWith('-') ? `unknown option "${name}"` : `unknown command "${name}"`;
    io.stderr(`gatehouse: ${hint}.\n\n${help()}\n`);
    return 2;
  }
  const command = await entry.load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`gatehouse ${name}: ${error.message}\nRun \`gatehouse ${name} --help\` for its options.\n`);
      return 2;
    }
    if (error instanceof GatehouseError) {
      io.stderr(error.format() + '\n');
      return 1;
    }
    io.stderr(`gatehouse ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
