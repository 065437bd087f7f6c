import { readFile } from 'node:fs/promises';
import { GatehouseError } from '../../shared/errors.js';
import {
  matrixPersonaSchema,
  matrixSchema,
  type MatrixCell,
  type MatrixPersona,
} from '../../shared/contract/rls.js';

/** Parses a personas file: `[{"name": "alice", "claims": {"role": "app_user", "sub": "1"}}, …]`. */
export function parsePersonas(text: string, file = 'personas file'): MatrixPersona[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new GatehouseError('GH800', `${file} is not JSON: ${(e as Error).message}`, {
      hint: 'Write it as [{"name": "alice", "claims": {"role": "app_user", "sub": "1"}}].',
    });
  }
  if (!Array.isArray(json))
    throw new GatehouseError('GH800', `${file} must be a JSON array of personas.`, {
      hint: 'e.g. [{"name": "anonymous", "claims": null}]',
    });
  const seen = new Set<string>();
  return json.map((item, i) => {
    const r = matrixPersonaSchema.safeParse(item);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new GatehouseError(
        'GH800',
        `${file}: persona ${i + 1} is invalid at ${issue?.path.join('.') || 'top'}: ${issue?.message ?? ''}`,
        { hint: '"claims" is a JSON object or null; "headers" and "cookies" map names to strings.' },
      );
    }
    if (seen.has(r.data.name))
      throw new GatehouseError('GH800', `${file}: two personas are named "${r.data.name}".`);
    seen.add(r.data.name);
    return r.data;
  });
}

export async function readPersonasFile(path: string): Promise<MatrixPersona[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new GatehouseError('GH800', `The personas file ${path} could not be read: ${(e as Error).message}`);
  }
  return parsePersonas(text, path);
}

export async function readExpectation(path: string): Promise<MatrixCell[]> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    throw new GatehouseError('GH802', `The expectation ${path} could not be read: ${(e as Error).message}`, {
      hint: 'Write it with gatehouse matrix … --json > expected.json',
    });
  }
  const r = matrixSchema.safeParse(json);
  if (!r.success)
    throw new GatehouseError(
      'GH802',
      `The expectation ${path} is not a matrix: ${r.error.issues[0]?.message}`,
      {
        hint: 'It is the output of gatehouse matrix … --json: {"cells": [{"persona", "relation", "command", …}]}',
      },
    );
  return r.data.cells;
}

export interface CellDifference {
  readonly key: string;
  readonly expected: MatrixCell | null;
  readonly actual: MatrixCell | null;
}

const keyOf = (c: MatrixCell) => `${c.persona} ${c.relation} ${c.command}`;

/** Cells whose verdict (allowed, rows) differs, or that only one side has. Reasons are explanations, not compared. */
export function diffMatrix(expected: readonly MatrixCell[], actual: readonly MatrixCell[]): CellDifference[] {
  const a = new Map(actual.map((c) => [keyOf(c), c]));
  const e = new Map(expected.map((c) => [keyOf(c), c]));
  const out: CellDifference[] = [];
  for (const [key, x] of e) {
    const y = a.get(key) ?? null;
    if (y === null || y.allowed !== x.allowed || y.rows !== x.rows) out.push({ key, expected: x, actual: y });
  }
  for (const [key, y] of a) if (!e.has(key)) out.push({ key, expected: null, actual: y });
  return out;
}
