import type { Setting } from '../../shared/model/catalog.js';

/** Splits `name=value` entries (rolconfig, setconfig, proconfig) at the first `=`. */
export function parseSettings(entries: readonly string[]): Setting[] {
  return entries.map((entry) => {
    const at = entry.indexOf('=');
    return at < 0 ? { name: entry, value: '' } : { name: entry.slice(0, at), value: entry.slice(at + 1) };
  });
}
