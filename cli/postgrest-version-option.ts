/**
 * `--postgrest-version N`: the PostgREST major the act-as simulator answers as (12, 13, 14 or 16; default 16).
 * Shared by every command that runs the simulator (serve, request, conformance, matrix): spread the option into
 * parseArgs and read it with postgrestVersionFrom.
 */
import type { PostgrestVersion } from '../core/act-as/config/types.js';
import { postgrestVersionOption } from '../core/act-as/versions.js';

export const POSTGREST_VERSION_OPTIONS = { 'postgrest-version': { type: 'string' } } as const;

export const POSTGREST_VERSION_USAGE = '[--postgrest-version 12|13|14|16]';

export function postgrestVersionFrom(values: {
  readonly 'postgrest-version'?: string | undefined;
}): PostgrestVersion {
  return postgrestVersionOption(values['postgrest-version']);
}
