import pg from 'pg';
import { readCatalog } from '../../core/catalog/read-catalog.js';
import type { Catalog } from '../../shared/model/catalog.js';
import { effectivePrivileges } from '../../shared/model/effective-privileges.js';
import { hasTablePrivilege } from '../../shared/model/privileges.js';
import { measure, summarise, type Bench } from '../bench.js';
import { generateCatalog, LARGE } from '../catalog/generate.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 7);
const TARGET_MS = 300;

/**
 * Issue 10: the effective privileges of every non-system role (300, a membership chain of 300) on every object
 * of the 5,000-table bench catalog. Each run starts from a model the rules have not seen (a fresh copy, so the
 * catalog index, role closures and compiled privilege table are built inside the measurement).
 */
export const privilegesBench: Bench = {
  name: 'effective privileges (300 roles × 5k tables)',
  async run(log) {
    log('generating the catalog in a fresh embedded PostgreSQL 18…');
    const generated = await generateCatalog(LARGE);
    try {
      const client = new pg.Client({ connectionString: generated.uri });
      await client.connect();
      let catalog: Catalog;
      try {
        catalog = await readCatalog(client);
      } finally {
        await client.end();
      }
      const roles = catalog.roles.filter((r) => !r.isSystem).map((r) => r.name);
      const objects =
        catalog.relations.length + catalog.sequences.length + catalog.functions.length + catalog.types.length;
      let entries = 0;
      const times = await measure(async () => {
        const model = { ...catalog };
        entries = 0;
        for (const role of roles) entries += effectivePrivileges(model, role).length;
      }, RUNS);
      const pointModel = { ...catalog };
      const tables = catalog.relations.slice(0, 100);
      const point = await measure(async () => {
        for (const role of roles.slice(0, 100))
          for (const t of tables) hasTablePrivilege(pointModel, role, t, 'SELECT');
      }, RUNS);
      const note = `${roles.length} roles × ${objects} objects (${catalog.grants.length} grants): ${entries} entries`;
      log(note);
      return [
        summarise('effective privileges (300 roles × 5k tables)', times, { targetMs: TARGET_MS, note }),
        summarise('hasTablePrivilege ×10,000 (warm)', point, {
          note: '100 roles × 100 tables, after the first call built the rules',
        }),
      ];
    } finally {
      await generated.dispose();
    }
  },
};
