import { quoteQualified } from './quote.js';
import { refs, statement, type Statement } from './statement.js';

export type RlsChange = 'enable' | 'disable' | 'force' | 'no_force';

const CLAUSE: Record<RlsChange, string> = {
  enable: 'ENABLE ROW LEVEL SECURITY',
  disable: 'DISABLE ROW LEVEL SECURITY',
  force: 'FORCE ROW LEVEL SECURITY',
  no_force: 'NO FORCE ROW LEVEL SECURITY',
};

/** ALTER TABLE s.t ENABLE / DISABLE / FORCE / NO FORCE ROW LEVEL SECURITY. */
export function setRowLevelSecurity(schema: string, table: string, change: RlsChange): Statement {
  return statement(
    'alter',
    refs.relation(schema, table),
    `ALTER TABLE ${quoteQualified(schema, table)} ${CLAUSE[change]}`,
  );
}
