import { GatehouseError } from '../../shared/errors.js';
import { quoteIdent, quoteLiteral } from './quote.js';

/** One `name=value` reloption (pg_class.reloptions) split at its first `=`. */
export function splitOption(option: string): { name: string; value: string } {
  const eq = option.indexOf('=');
  if (eq <= 0)
    throw new GatehouseError('GH222', 'A storage parameter must read name=value.', {
      details: option,
      hint: 'Write it as pg_class.reloptions does, e.g. fillfactor=70.',
    });
  return { name: option.slice(0, eq), value: option.slice(eq + 1) };
}

/** `(fillfactor = '70', toast.autovacuum_enabled = 'false')`: names quoted by part, values as literals. */
export function optionList(options: readonly string[]): string {
  return `(${options
    .map(splitOption)
    .map((o) => `${o.name.split('.').map(quoteIdent).join('.')} = ${quoteLiteral(o.value)}`)
    .join(', ')})`;
}

/**
 * A relation's storage parameters with its TOAST table's (`toast.`-prefixed), as WITH (…), SET (…) and RESET (…)
 * take them together.
 */
export function storageParameters(r: {
  readonly options: readonly string[];
  readonly toastOptions?: readonly string[] | undefined;
}): string[] {
  return [...r.options, ...(r.toastOptions ?? []).map((o) => `toast.${o}`)];
}

/** `(fillfactor, toast.autovacuum_enabled)` for RESET. */
export function optionNames(names: readonly string[]): string {
  return `(${names.map((n) => n.split('.').map(quoteIdent).join('.')).join(', ')})`;
}
