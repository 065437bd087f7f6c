import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import type { Finding } from '../../shared/contract/advisor.js';
import { GatehouseError } from '../../shared/errors.js';
import { jsonValueLines, lineAt } from './json-lines.js';

/** The acknowledgements file's name, beside postgrest.conf. */
export const ACK_FILE_NAME = 'gatehouse-advisor.json';

const ackSchema = z
  .object({
    /** A finding definition id, e.g. `public_read_policy`. */
    finding: z.string().min(1),
    /** The finding's object, as the advisor names it (`policy read_all on api.posts`). */
    object: z.string().min(1),
    /** The object's fingerprint when acknowledged: once the object changes, the acknowledgement lapses. */
    fingerprint: z.string().min(1),
    reason: z.string().min(1),
    by: z.string().nullable().optional(),
    at: z.string().nullable().optional(),
  })
  .strict();
export type Acknowledgement = z.infer<typeof ackSchema>;

const fileSchema = z
  .object({ version: z.literal(1).optional(), acknowledgements: z.array(ackSchema) })
  .strict();

/** The default place: beside postgrest.conf, or null when there is no config file to sit beside. */
export function defaultAckFile(configFile: string | null): string | null {
  return configFile === null ? null : join(dirname(configFile), ACK_FILE_NAME);
}

/** Reads an acknowledgements file; a missing file is none. A file that does not parse is GH402 naming its line. */
export function loadAcks(file: string): Acknowledgement[] {
  if (!existsSync(file)) return [];
  const text = readFileSync(file, 'utf8');
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const pos = /position (\d+)/.exec(message)?.[1];
    const line =
      /line (\d+)/.exec(message)?.[1] ?? (pos !== undefined ? String(lineAt(text, Number(pos))) : '?');
    throw new GatehouseError(
      'GH402',
      `${file}:${line}: the acknowledgements file is not valid JSON (${message}).`,
      {
        hint: 'Fix that line, or delete the file to start again: {"acknowledgements": []}.',
      },
    );
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = (issue?.path ?? []).map(String);
    const lines = jsonValueLines(text);
    let line: number | undefined;
    for (let n = path.length; n >= 0 && line === undefined; n--) line = lines.get(path.slice(0, n).join('.'));
    throw new GatehouseError(
      'GH402',
      `${file}:${line ?? 1}: ${path.length > 0 ? path.join('.') : 'the file'}: ${issue?.message ?? 'invalid'}.`,
      {
        hint: 'Each acknowledgement is {"finding", "object", "fingerprint", "reason"} (and optionally "by", "at"), as `gatehouse advise --json` prints them.',
      },
    );
  }
  return parsed.data.acknowledgements;
}

/** Marks the findings an acknowledgement still covers (same id, object and fingerprint); returns the stale ones. */
export function applyAcks(findings: Finding[], acks: readonly Acknowledgement[]): Acknowledgement[] {
  // By key first: a finding's fingerprint is computed only when an acknowledgement names it.
  const byKey = new Map<string, Acknowledgement[]>();
  for (const a of acks) {
    const k = `${a.finding}:${a.object}`;
    byKey.set(k, [...(byKey.get(k) ?? []), a]);
  }
  const used = new Set<Acknowledgement>();
  for (const f of findings) {
    const named = byKey.get(f.key);
    if (named === undefined) continue;
    const a = named.find((x) => x.fingerprint === f.fingerprint);
    if (!a) continue;
    used.add(a);
    f.acknowledged = { reason: a.reason, by: a.by ?? null, at: a.at ?? null };
  }
  return acks.filter((a) => !used.has(a));
}

/** Adds (or replaces) the acknowledgement of one finding and writes the file, sorted for tidy diffs. */
export function saveAck(file: string, finding: Finding, reason: string, by: string | null): void {
  const acks = loadAcks(file).filter((a) => !(a.finding === finding.id && a.object === finding.object));
  acks.push({
    finding: finding.id,
    object: finding.object,
    fingerprint: finding.fingerprint,
    reason,
    by,
    at: new Date().toISOString(),
  });
  acks.sort((a, b) => (a.finding + a.object < b.finding + b.object ? -1 : 1));
  writeFileSync(file, JSON.stringify({ version: 1, acknowledgements: acks }, null, 2) + '\n');
}
