import { catalogIndex } from '../../shared/model/catalog-index.js';
import { effectivePrivileges } from '../../shared/model/effective-privileges.js';
import { hasTablePrivilege } from '../../shared/model/privileges.js';
import { measure, summarise, type Bench } from '../bench.js';
import { BENCH_AUTHENTICATOR, benchModel } from '../catalog/bench-model.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 7);
const TARGET_MS = 300;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Issue 10: the effective privileges of every non-system role (300, a membership chain of 300, so the last one
 * inherits from all the others) on every object of the 5,000-table bench catalog. Each run starts from a model
 * copy the rules have not seen, so the compiled privilege table and the role closures are built inside the
 * measurement; the catalog index, which every panel shares and is built once per read, is built before it (and
 * measured on its own). Wall and CPU time: on a busy shared machine wall time mostly measures the neighbours.
 */
export const privilegesBench: Bench = {
  name: 'effective privileges (300 roles × 5k tables)',
  async run(log) {
    const catalog = await benchModel(log);
    const roles = catalog.roles
      .filter((r) => !r.isSystem && r.name !== BENCH_AUTHENTICATOR)
      .map((r) => r.name);
    const objects =
      catalog.relations.length + catalog.sequences.length + catalog.functions.length + catalog.types.length;
    let entries = 0;
    const wall: number[] = [];
    const cpu: number[] = [];
    const index: number[] = [];
    for (let run = 0; run <= RUNS; run++) {
      const model = { ...catalog };
      const i0 = performance.now();
      catalogIndex(model);
      const started = performance.now();
      const cpu0 = cpuMs();
      entries = 0;
      for (const role of roles) entries += effectivePrivileges(model, role).length;
      if (run === 0) continue; // warm-up
      cpu.push(cpuMs() - cpu0);
      wall.push(performance.now() - started);
      index.push(started - i0);
    }
    const pointModel = { ...catalog };
    const tables = catalog.relations.slice(0, 100);
    const point = await measure(async () => {
      for (const role of roles.slice(0, 100))
        for (const t of tables) hasTablePrivilege(pointModel, role, t, 'SELECT');
    }, RUNS);
    const note = `${roles.length} roles × ${objects} objects (${catalog.grants.length} grants): ${entries} entries`;
    log(note);
    return [
      summarise('effective privileges (300 roles × 5k tables)', wall, { targetMs: TARGET_MS, note }),
      summarise('effective privileges CPU', cpu, { targetMs: TARGET_MS, note: 'CPU time of the same runs' }),
      summarise('catalog index of the bench model', index, {
        note: 'built once per model, shared by every panel',
      }),
      summarise('hasTablePrivilege ×10,000 (warm)', point, {
        note: '100 roles × 100 tables, after the first call built the rules',
      }),
    ];
  },
};
