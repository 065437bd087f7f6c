import type { Bench } from './bench.js';
import { catalogReadBench } from './catalog/read.bench.js';
import { actAsBench } from './act-as/act-as.bench.js';
import { consoleBench } from './console/console.bench.js';
import { workbenchBench } from './workbench/workbench.bench.js';
import { rolesBench } from './roles/roles.bench.js';
import { changesetBench } from './changeset/changeset.bench.js';
import { privilegesBench } from './privileges/privileges.bench.js';
import { ddlWriteBench } from './ddl/write.bench.js';
import { rlsBench } from './rls/rls.bench.js';
import { rlsValidateBench } from './rls/validate.bench.js';
import { advisorBench } from './advisor/advisor.bench.js';
import { diffBench } from './diff/diff.bench.js';
import { diffSourcesBench } from './diff-sources/folder.bench.js';

/** Every benchmark `npm run bench` runs, in order. Add one line per bench. */
export const benches: readonly Bench[] = [
  catalogReadBench,
  actAsBench,
  consoleBench,
  workbenchBench,
  changesetBench,
  privilegesBench,
  ddlWriteBench,
  rolesBench,
  rlsBench,
  rlsValidateBench,
  advisorBench,
  diffBench,
  diffSourcesBench,
];
