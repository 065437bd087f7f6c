import type { Command } from '../command.js';
import { startCommand } from './start.js';
import { requestCommand } from './request.js';
import { serveCommand } from './serve.js';
import { conformanceCommand } from './conformance.js';
import { catalogCommand } from './catalog.js';
import { applyCommand } from './apply.js';

/** Every subcommand, in the order `gatehouse --help` lists them. One file per command beside this one. */
export const commands: readonly Command[] = [
  startCommand,
  requestCommand,
  serveCommand,
  conformanceCommand,
  catalogCommand,
  applyCommand,
];
