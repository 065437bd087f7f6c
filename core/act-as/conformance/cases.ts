import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { GatehouseError } from '../../../shared/errors.js';

/** One HTTP request of a case (see the corpus README "Case format"). */
export const caseRequestSchema = z.object({
  method: z.string().min(1),
  path: z.string().startsWith('/'),
  pathReadable: z.string().optional(),
  headers: z.record(z.string(), z.string()).default({}),
  body: z.json().optional(),
  bodyText: z.string().optional(),
});

export const caseJwtSchema = z
  .object({
    secret: z.string().optional(),
    raw: z.string().optional(),
    scheme: z.string().optional(),
  })
  .strict();

export const caseExpectSchema = z
  .object({
    status: z.number().int().min(100).max(599),
    headers: z.record(z.string(), z.string()).optional(),
    headersContain: z.record(z.string(), z.string()).optional(),
    headersAbsent: z.array(z.string()).optional(),
    body: z.json().optional(),
    bodyText: z.string().optional(),
    bodyIncludes: z.record(z.string(), z.json()).optional(),
    /** A regular expression the raw body must match (execution plans, whose costs vary by server). */
    bodyMatches: z.string().optional(),
  })
  .strict();

const claimsSchema = z.record(z.string(), z.json()).nullable();

export const followUpSchema = z.object({
  request: caseRequestSchema,
  claims: claimsSchema.default(null),
  jwt: caseJwtSchema.optional(),
  expect: caseExpectSchema,
});

export const conformanceCaseSchema = z.object({
  id: z.string().min(1),
  set: z.enum(['dev', 'holdout']).optional(),
  family: z.string().optional(),
  note: z.string().optional(),
  source: z.string().optional(),
  request: caseRequestSchema,
  claims: claimsSchema.default(null),
  jwt: caseJwtSchema.optional(),
  since: z.string().optional(),
  /** First PostgREST version the expectation no longer holds for (exclusive). */
  until: z.string().optional(),
  /** PostgREST settings this case needs on top of the corpus's postgrest.conf (`db-plan-enabled`: "true"). */
  config: z.record(z.string(), z.string()).optional(),
  expect: caseExpectSchema,
  followUp: followUpSchema.optional(),
});

export const casesFileSchema = z.array(conformanceCaseSchema);

export type CaseRequest = z.output<typeof caseRequestSchema>;
export type CaseJwt = z.output<typeof caseJwtSchema>;
export type CaseExpect = z.output<typeof caseExpectSchema>;
export type ConformanceCase = z.output<typeof conformanceCaseSchema>;
export type CaseStep = Pick<ConformanceCase, 'request' | 'claims' | 'jwt' | 'expect'>;

/** Parses a cases file; a bad file names the file, the case and the field at fault. */
export function parseCases(text: string, file: string): ConformanceCase[] {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new GatehouseError('GH510', `${file}: not JSON: ${(e as Error).message}`, {
      hint: 'Fix the JSON syntax of the cases file.',
    });
  }
  const parsed = casesFileSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path ?? [];
    const index = typeof path[0] === 'number' ? path[0] : undefined;
    const id =
      index !== undefined && Array.isArray(raw)
        ? (raw[index] as { id?: unknown } | undefined)?.id
        : undefined;
    const where = path.map(String).join('.');
    throw new GatehouseError(
      'GH510',
      `${file}: ${typeof id === 'string' ? `case ${id}: ` : ''}${where || '(root)'}: ${issue?.message ?? 'invalid'}`,
      {
        hint: 'Each case needs id, request {method, path, headers}, claims and expect {status, …} (see the README).',
      },
    );
  }
  const seen = new Set<string>();
  for (const c of parsed.data) {
    if (seen.has(c.id))
      throw new GatehouseError('GH510', `${file}: duplicate case id ${c.id}`, {
        hint: 'Case ids must be unique.',
      });
    seen.add(c.id);
  }
  return parsed.data;
}

export async function loadCases(file: string): Promise<ConformanceCase[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new GatehouseError('GH510', `${file}: cannot read: ${(e as Error).message}`, {
      hint: 'Pass the path of a cases.json file.',
    });
  }
  return parseCases(text, file);
}
