import { join } from 'node:path';
import { savedPersonaSchema, type SavedPersona } from '../../../shared/contract/act-as-console.js';
import { KeyedJsonFile } from '../../storage/keyed-json-file.js';

/**
 * Personas saved per database (keyed by host, port and database, so reopening the connection finds them), in
 * `act-as-personas.json` of the data dir; a damaged file is set aside, never fatal.
 */
export class PersonaStore {
  private readonly store: KeyedJsonFile<SavedPersona>;

  constructor(dataDir: string) {
    this.store = new KeyedJsonFile(join(dataDir, 'act-as-personas.json'), savedPersonaSchema, 'the personas');
  }

  list(target: string): Promise<SavedPersona[]> {
    return this.store.list(target);
  }

  save(target: string, personas: readonly SavedPersona[]): Promise<SavedPersona[]> {
    return this.store.update(target, () => [...personas]);
  }
}
