import { rename, writeFile } from 'node:fs/promises';
import { GatehouseError } from '../../shared/errors.js';
import { snapshotText } from '../../core/diff/sources/snapshot.js';
import { parseCommandArgs, required } from '../args.js';
import type { Command } from '../command.js';
import { readModel } from './read-model.js';

const usage = `Usage: gatehouse snapshot --db URI [-o FILE]

Reads the catalog model of the database at URI and writes it as a snapshot file, a source for \`gatehouse diff\`
(--from FILE / --to FILE). The file is versioned, holds no OIDs and no timestamps, and is byte-identical when
the database's schema has not changed, so it can be kept in git and reviewed.

  --db URI         postgresql:// URI or libpq conninfo (PG* variables, service file, ~/.pgpass apply)
  -o, --output F   write to F (only once the read succeeded); stdout when absent

Examples:
  gatehouse snapshot --db postgresql://app@prod/app -o prod.snapshot.json
  gatehouse diff --from prod.snapshot.json --to supabase/migrations`;

export const snapshotCommand: Command = {
  usage,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, {
      db: { type: 'string' },
      output: { type: 'string', short: 'o' },
    });
    const db = required(values.db, '--db', '--db postgresql://developer@localhost:5432/app');
    const text = snapshotText(await readModel(db, io));
    if (values.output === undefined) {
      io.stdout(text);
      return 0;
    }
    const tmp = `${values.output}.gatehouse-${process.pid}.tmp`;
    try {
      await writeFile(tmp, text);
      await rename(tmp, values.output);
    } catch (error) {
      throw new GatehouseError('GH1010', `Could not write ${values.output}: ${(error as Error).message}`, {
        hint: 'Check that the folder exists and is writable.',
      });
    }
    io.stderr(`gatehouse snapshot: wrote ${values.output}\n`);
    return 0;
  },
};
