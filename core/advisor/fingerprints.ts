import type { FunctionInfo, Relation } from '../../shared/model/catalog.js';
import { refs } from '../ddl/index.js';
import type { AdvisorContext } from './context.js';
import { definitionOf, fingerprint } from './finding.js';

/** A relation's definition, its grants and its policies: who may reach which rows of it. */
export function relationFingerprint(ctx: AdvisorContext, r: Relation): string {
  return fingerprint(
    definitionOf(r),
    ctx.grantsOn(refs.relation(r.schema, r.name)),
    ctx.policiesOf(r.schema, r.name),
  );
}

/** A function's definition and its grants. */
export function functionFingerprint(ctx: AdvisorContext, f: FunctionInfo): string {
  return fingerprint(definitionOf(f), ctx.grantsOn(refs.function(f.schema, f.name, f.identityArgs)));
}
