import { ddlForDatabase, toScript } from '../../core/ddl/index.js';
import { measure, summarise, type Bench } from '../bench.js';
import { benchModel } from '../catalog/bench-model.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 7);

/**
 * The DDL writer on the bench catalog (5,000 tables, 2,000 policies, 10,000+ grants): ddlForDatabase
 * (ordering by the model's dependencies included) and the script text, from a model read once. The
 * migration diff writes its output through the same builders, so this bounds its render step.
 */
export const ddlWriteBench: Bench = {
  name: 'ddl for the whole database (5k tables)',
  async run(log) {
    const model = await benchModel(log);
    let size = '';
    const times = await measure(async () => {
      const ddl = ddlForDatabase({ ...model });
      const script = toScript(ddl.statements);
      size = `${ddl.statements.length} statements, ${(script.length / 1e6).toFixed(1)} MB, ${ddl.skipped.length} skipped`;
    }, RUNS);
    log(`wrote: ${size}`);
    return [summarise('ddl for the whole database (5k tables)', times, { note: size })];
  },
};
