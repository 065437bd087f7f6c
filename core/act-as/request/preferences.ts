/**
 * The Prefer header(s) → Preferences (PostgREST's Preferences.fromHeaders), the PGRST122 check the planner runs
 * for `handling=strict`, and the Preference-Applied header value.
 *
 * @example
 *   parsePreferences([['prefer', 'return=representation, count=exact']], false)
 *     // { representation: 'full', count: 'exact', …, invalid: [] }
 *   parsePreferences([['prefer', 'handling=strict, foo']], false).invalid // ['foo']
 */
import { pgrst } from '../errors/codes.js';
import type { Result } from '../errors/result.js';
import { err, ok } from '../errors/result.js';
import type {
  PreferCount,
  PreferHandling,
  PreferMissing,
  PreferRepresentation,
  PreferResolution,
  PreferTransaction,
  Preferences,
} from './types.js';
import { readInteger } from './range.js';

const resolutions: Record<string, PreferResolution> = {
  'resolution=merge-duplicates': 'merge-duplicates',
  'resolution=ignore-duplicates': 'ignore-duplicates',
};
const representations: Record<string, PreferRepresentation> = {
  'return=representation': 'full',
  'return=minimal': 'none',
  'return=headers-only': 'headers-only',
};
const counts: Record<string, PreferCount> = {
  'count=exact': 'exact',
  'count=planned': 'planned',
  'count=estimated': 'estimated',
};
const transactions: Record<string, PreferTransaction> = { 'tx=commit': 'commit', 'tx=rollback': 'rollback' };
const missings: Record<string, PreferMissing> = { 'missing=default': 'default', 'missing=null': 'null' };
const handlings: Record<string, PreferHandling> = {
  'handling=strict': 'strict',
  'handling=lenient': 'lenient',
};

const accepted = new Set([
  ...Object.keys(resolutions),
  ...Object.keys(representations),
  ...Object.keys(counts),
  ...Object.keys(transactions),
  ...Object.keys(missings),
  ...Object.keys(handlings),
]);

/** ByteString strip: ASCII white space only. */
function bsStrip(s: string): string {
  return s.replace(/^[ \t\n\r\f\v]+|[ \t\n\r\f\v]+$/g, '');
}

/** The value of the first preference in `table` (module-level: no closure per request). */
function first<T>(prefs: readonly string[], table: Record<string, T>): T | null {
  for (const p of prefs) if (Object.hasOwn(table, p)) return table[p]!;
  return null;
}

function withPrefix(prefs: readonly string[], prefix: string): string | null {
  for (const p of prefs) if (p.startsWith(prefix)) return p.slice(prefix.length);
  return null;
}

/**
 * `headers`: all request headers (lower-cased or not); every `Prefer` header counts, values split on ",".
 * `allowTxOverride`: db-tx-end is `*-allow-override` (otherwise tx= is ignored). `singleObject`: the major reads
 * `params=single-object` (PostgREST 12, v12.2.12 ApiRequest/Preferences.hs:140, 154).
 */
export function parsePreferences(
  headers: readonly (readonly [string, string])[],
  allowTxOverride: boolean,
  singleObject = false,
): Preferences {
  const prefs = headers
    .filter(([k]) => k.toLowerCase() === 'prefer')
    .flatMap(([, v]) => v.split(','))
    .map(bsStrip);
  const maxAffectedText = withPrefix(prefs, 'max-affected=');
  const maxAffected = maxAffectedText === null ? null : readInteger(maxAffectedText);
  return {
    resolution: first(prefs, resolutions),
    representation: first(prefs, representations),
    count: first(prefs, counts),
    transaction: allowTxOverride ? first(prefs, transactions) : null,
    missing: first(prefs, missings),
    handling: first(prefs, handlings),
    timezone: withPrefix(prefs, 'timezone='),
    // Int64 in PostgREST; out-of-range values are not read.
    maxAffected: maxAffected !== null && Number.isSafeInteger(maxAffected) ? maxAffected : null,
    ...(singleObject && prefs.includes('params=single-object') ? { params: 'single-object' as const } : {}),
    invalid: prefs.filter(
      (p) =>
        !accepted.has(p) &&
        !p.startsWith('timezone=') &&
        !p.startsWith('max-affected=') &&
        !(singleObject && p === 'params=single-object'),
    ),
  };
}

/** PGRST122 when `handling=strict` and some preference is invalid (PostgREST checks this in the planner). */
export function checkPreferences(prefs: Preferences): Result<Preferences> {
  if (prefs.invalid.length > 0 && prefs.handling === 'strict')
    return err(pgrst.invalidPreferences(prefs.invalid));
  return ok(prefs);
}

const reprText: Record<PreferRepresentation, string> = {
  full: 'return=representation',
  none: 'return=minimal',
  'headers-only': 'return=headers-only',
};

/**
 * The Preference-Applied value PostgREST would send for these preferences (before the response stage drops the
 * ones that did not apply to this kind of request), or null when none.
 */
export function preferenceAppliedHeader(p: Preferences): string | null {
  const vals = [
    p.resolution && `resolution=${p.resolution}`,
    p.missing && `missing=${p.missing}`,
    p.representation && reprText[p.representation],
    p.count && `count=${p.count}`,
    p.transaction && `tx=${p.transaction}`,
    p.handling && `handling=${p.handling}`,
    p.timezone !== null ? `timezone=${p.timezone}` : null,
    p.handling === 'strict' && p.maxAffected !== null ? `max-affected=${p.maxAffected}` : null,
  ].filter((v): v is string => typeof v === 'string' && v !== '');
  return vals.length === 0 ? null : vals.join(', ');
}
