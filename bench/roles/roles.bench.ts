import { planChanges } from '../../core/roles/plan.js';
import type { RoleChange } from '../../shared/contract/roles.js';
import { cellChanges, matrixColumns, matrixRows, MatrixCells } from '../../shared/grants/matrix.js';
import { catalogIndex } from '../../shared/model/catalog-index.js';
import type { Catalog, Membership } from '../../shared/model/catalog.js';
import { member, role, smallCatalog } from '../../shared/model/testing/small-catalog.js';
import { roleGraph } from '../../shared/roles/graph.js';
import { placeGraph } from '../../renderer/roles/graph-flow.js';
import { measure, summarise, type Bench } from '../bench.js';
import { BENCH_AUTHENTICATOR, benchModel } from '../catalog/bench-model.js';

const RUNS = Number(process.env.GATEHOUSE_BENCH_RUNS ?? 7);
/**
 * The first screenful the matrix draws: rows and columns are both virtualised (renderer/grants/GrantsMatrix), so a
 * 1440 × 900 window shows ~25 rows and ~7 columns; with the overscan, 40 rows × 12 columns.
 */
const SCREEN_ROWS = 40;
const SCREEN_COLUMNS = 12;

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Wall and CPU time of each run (on a shared, loaded machine wall time mostly measures the neighbours). */
async function measureBoth(
  setup: () => unknown,
  fn: (input: unknown) => void,
  runs: number,
): Promise<{ wall: number[]; cpu: number[] }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let run = 0; run <= runs; run++) {
    const input = setup();
    const w0 = performance.now();
    const c0 = cpuMs();
    fn(input);
    if (run === 0) continue; // warm-up
    cpu.push(cpuMs() - c0);
    wall.push(performance.now() - w0);
  }
  return { wall, cpu };
}

/** 300 roles, 1,000 memberships (member i → role j > i: no cycles), a few LOGIN NOINHERIT authenticators. */
function roleModel(): Catalog {
  let seed = 42;
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const names = Array.from({ length: 300 }, (_, i) => `role_${String(i).padStart(3, '0')}`);
  const roles = names.map((n, i) =>
    role(n, {
      canLogin: i % 50 === 0,
      inherit: i % 50 !== 0,
      bypassRls: i % 97 === 0,
      hasPassword: i % 50 === 0,
    }),
  );
  const pairs = new Set<string>();
  const memberships: Membership[] = [];
  while (memberships.length < 1000) {
    const a = Math.floor(rand() * 299);
    const b = a + 1 + Math.floor(rand() * (299 - a));
    const k = `${a}:${b}`;
    if (pairs.has(k)) continue;
    pairs.add(k);
    memberships.push(member(names[b]!, names[a]!, { set: rand() > 0.1 }));
  }
  return smallCatalog({ roles, memberships });
}

/**
 * Issue 11: the role graph of 300 roles and 1,000 memberships (model → graph → dagre layout, ≤ 500 ms); the grants
 * matrix's first paint on the 5,000-table bench catalog (rows, columns and the first screenful of cells from a
 * model the privilege rules have not seen, ≤ 300 ms; the browser's own layout is not in it, and the pinned roles'
 * "holds nothing" counts come after it, column by column); a cell edit to pending
 * DDL (the change, checked against the model and written by core/ddl, ≤ 16 ms).
 */
export const rolesBench: Bench = {
  name: 'roles: graph layout, grants matrix, cell edit',
  async run(log) {
    const model = roleModel();
    const layout = await measureBoth(
      () => ({ ...model }),
      (m) => placeGraph(roleGraph(m as Catalog, { schemas: ['api'] }), { collapseSystem: true }),
      RUNS,
    );

    const catalog = await benchModel(log);
    const roles = catalog.roles
      .filter((r) => !r.isSystem && r.name !== BENCH_AUTHENTICATOR)
      .map((r) => r.name);
    const twenty = roles.slice(0, 20);
    let rowCount = 0;
    let columnCount = 0;
    // The catalog index is built once per read and shared with every panel (the explorer built it already);
    // the privilege rules, the rows and the first screenful of cells are built inside the measurement.
    const firstPaint = await measureBoth(
      () => catalogIndex({ ...catalog }),
      (i) => {
        const index = i as ReturnType<typeof catalogIndex>;
        const rows = matrixRows(index, {});
        const columns = matrixColumns(index, { schemas: ['api'] }, twenty);
        const cells = new MatrixCells(index);
        for (const row of rows.slice(0, SCREEN_ROWS))
          for (const c of columns.slice(0, SCREEN_COLUMNS)) cells.cell(row, c);
        rowCount = rows.length;
        columnCount = columns.length;
      },
      RUNS,
    );

    const index = catalogIndex(catalog);
    const rows = matrixRows(index, {});
    const columns = matrixColumns(index, { schemas: ['api'] }, twenty);
    const cells = new MatrixCells(index);
    const column = columns.find((c) => !c.public)!;
    for (const row of rows.slice(0, SCREEN_ROWS)) cells.cell(row, column);
    let edit = 0;
    const cellEdit = await measure(async () => {
      const row = rows[(edit++ * 7919) % rows.length]!;
      const changes = cellChanges(cells, [{ row, column }], row.privileges.slice(0, 1), 'grant');
      planChanges(index, changes as RoleChange[], 'grants');
    }, RUNS * 5);

    return [
      summarise('role graph layout (300 roles, 1,000 memberships)', layout.wall, { targetMs: 500 }),
      summarise('role graph layout CPU', layout.cpu, { targetMs: 500, note: 'CPU time of the same runs' }),
      summarise('grants matrix first paint (bench catalog)', firstPaint.wall, {
        targetMs: 300,
        note: `${rowCount} rows × ${columnCount} grantees; the cells of the first ${SCREEN_ROWS} rows × ${SCREEN_COLUMNS} columns`,
      }),
      summarise('grants matrix first paint CPU', firstPaint.cpu, {
        targetMs: 300,
        note: 'CPU time of the same runs',
      }),
      summarise('grants matrix cell edit → pending DDL', cellEdit, { targetMs: 16 }),
    ];
  },
};
