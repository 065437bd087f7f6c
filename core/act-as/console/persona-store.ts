import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { savedPersonaSchema, type SavedPersona } from '../../../shared/contract/act-as-console.js';
import { GatehouseError } from '../../../shared/errors.js';

const fileSchema = z.object({
  version: z.literal(1),
  byTarget: z.record(z.string(), z.array(savedPersonaSchema)),
});
type PersonaFile = z.infer<typeof fileSchema>;

/**
 * Personas saved per database (keyed by host, port and database, so reopening the connection finds them), in
 * `act-as-personas.json` of the data dir. Writes go through a temp file and a rename, one at a time.
 */
export class PersonaStore {
  private readonly file: string;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly dataDir: string) {
    this.file = join(dataDir, 'act-as-personas.json');
  }

  private async read(): Promise<PersonaFile> {
    let text: string;
    try {
      text = await readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, byTarget: {} };
      throw e;
    }
    const parsed = fileSchema.safeParse(JSON.parse(text) as unknown);
    // A damaged file is not fatal: start over rather than lose the console.
    return parsed.success ? parsed.data : { version: 1, byTarget: {} };
  }

  async list(target: string): Promise<SavedPersona[]> {
    return (await this.read()).byTarget[target] ?? [];
  }

  save(target: string, personas: readonly SavedPersona[]): Promise<SavedPersona[]> {
    const run = async () => {
      const data = await this.read();
      data.byTarget[target] = [...personas];
      try {
        await mkdir(this.dataDir, { recursive: true });
        const tmp = `${this.file}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(data, null, 2), { mode: 0o600 });
        await rename(tmp, this.file);
      } catch (e) {
        throw new GatehouseError(
          'GH520',
          `Could not save the personas: ${e instanceof Error ? e.message : String(e)}`,
          {
            hint: `Check that ${this.dataDir} is writable (or set GATEHOUSE_DATA_DIR).`,
          },
        );
      }
      return [...personas];
    };
    const next = this.queue.then(run, run);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
