import type { Bench, BenchResult } from '../bench.js';
import { summarise } from '../bench.js';
import type { ApiEmbeddable, ApiModel, ApiRelation } from '../../renderer/act-as/api-model.js';
import { checkPath } from '../../renderer/act-as/path-check.js';
import { PathCompleter } from '../../renderer/act-as/path-completion.js';
import { parseBody } from '../../renderer/act-as/response-body.js';

/**
 * A 5,000-table API (12 columns each, 2 foreign keys each, 500 RPCs), generated in memory, with the embeddables the
 * host's schema cache would list (both FK directions, a many-to-many and a computed one per table).
 */
export function generateModel(tables = 5000, functions = 500): ApiModel {
  const name = (i: number) => `t_${String(i).padStart(4, '0')}`;
  const relations: ApiRelation[] = [];
  for (let i = 0; i < tables; i++)
    relations.push({
      schema: 'api',
      name: name(i),
      kind: i % 10 === 0 ? 'view' : 'table',
      columns: [
        { name: 'id', type: 'bigint' },
        ...Array.from({ length: 11 }, (_, c) => ({
          name: `c_${String(c).padStart(2, '0')}`,
          type: c % 3 ? 'text' : 'integer',
        })),
      ],
      foreignKeys: [1, 7].map((d) => ({
        name: `${name(i)}_fk_${d}`,
        columns: [`c_0${d}`],
        target: { schema: 'api', name: name((i * 31 + d * 17) % tables) },
      })),
    });
  const ref = (n: string) => ({ schema: 'api', name: n });
  const embeddables: ApiEmbeddable[] = relations.flatMap((r, i) => [
    ...r.foreignKeys.flatMap((fk): ApiEmbeddable[] => [
      {
        from: ref(r.name),
        name: fk.target.name,
        target: fk.target,
        cardinality: 'many-to-one',
        hints: [fk.name, ...fk.columns],
      },
      {
        from: fk.target,
        name: r.name,
        target: ref(r.name),
        cardinality: 'one-to-many',
        hints: [fk.name, ...fk.columns],
      },
    ]),
    {
      from: ref(r.name),
      name: name((i + 1) % tables),
      target: ref(name((i + 1) % tables)),
      cardinality: 'many-to-many',
      hints: [name((i + 2) % tables)],
    },
    {
      from: ref(r.name),
      name: `computed_${i}`,
      target: ref(name((i + 3) % tables)),
      cardinality: 'computed',
      hints: [],
    },
  ]);
  return {
    schemas: ['api'],
    relations,
    embeddables,
    functions: Array.from({ length: functions }, (_, i) => ({
      schema: 'api',
      name: `fn_${String(i).padStart(3, '0')}`,
      args: [{ name: 'a', type: 'integer' }],
      returns: `SETOF api.${name(i)}`,
      returnsRelation: { schema: 'api', name: name(i) },
    })),
  };
}

/** Every prefix of `text`, as typed one key at a time, each timed (completion at the cursor + path check). */
function typeOut(completer: PathCompleter, text: string): number[] {
  const times: number[] = [];
  for (let i = 1; i <= text.length; i++) {
    const path = text.slice(0, i);
    const started = performance.now();
    completer.complete(path, i);
    checkPath(path, completer);
    times.push(performance.now() - started);
  }
  return times;
}

export const consoleBench: Bench = {
  name: 'act-as console',
  async run(log): Promise<readonly BenchResult[]> {
    const model = generateModel();
    const builds: number[] = [];
    let completer: PathCompleter | null = null;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      completer = new PathCompleter(model);
      builds.push(performance.now() - t);
    }
    log(`model: ${model.relations.length} relations, ${model.functions.length} functions`);
    const paths = [
      '/t_0421?select=id,c_03,t_0100(c_01,t_0200(*)),t_3000!t_3000_fk_1(id)&c_05=not.in.(1,2)&order=c_02.desc.nullslast&or=(c_01.eq.1,c_02.gt.2)&limit=50',
      '/rpc/fn_042?a=1&select=id,c_01',
      '/t_4999?c_10=ilike.*abc*&c_02=is.null',
    ];
    typeOut(completer!, paths[0]!); // warm-up
    const keystrokes = paths.flatMap((p) => typeOut(completer!, p));
    const worst = Math.max(...keystrokes);
    log(`${keystrokes.length} keystrokes, worst ${worst.toFixed(2)} ms`);

    // the grid's input: a 10,000-row JSON answer parsed into a table
    const body = JSON.stringify(
      Array.from({ length: 10_000 }, (_, i) => ({
        id: i,
        label: `row ${i}`,
        doubled: i * 2,
        lucky: i % 7 === 0,
      })),
    );
    const parses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const t = performance.now();
      parseBody(body, 'application/json; charset=utf-8');
      parses.push(performance.now() - t);
    }
    const sorted = [...keystrokes].sort((a, b) => a - b);
    const p99 = sorted[Math.floor(sorted.length * 0.99)] ?? 0;
    return [
      summarise('console: path completer index (5k tables)', builds),
      summarise('console: keystroke, completion + check (5k tables)', keystrokes, {
        targetMs: 16,
        note: `p99 ${p99.toFixed(2)} ms, worst ${worst.toFixed(2)} ms over ${keystrokes.length} keystrokes`,
      }),
      summarise('console: parse 10,000-row answer for the grid', parses, { targetMs: 300 }),
    ];
  },
};
