import { GatehouseError } from '../../shared/errors.js';

/** pg_service.conf: INI sections of libpq keywords. Returns service name → keyword → value. */
export function parseServiceFile(text: string, file: string): Map<string, Record<string, string>> {
  const services = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const section = /^\[(.+)\]$/.exec(line);
    if (section) {
      const name = (section[1] ?? '').trim();
      // libpq uses the first definition of a service; later duplicates keep their own keys out of it.
      current = services.get(name) ?? {};
      if (!services.has(name)) services.set(name, current);
      return;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || current === undefined) {
      throw new GatehouseError('GH401', `Line ${index + 1} of the service file ${file} is invalid.`, {
        details:
          current === undefined
            ? 'A keyword appears before any [service] section.'
            : `"${line}" is not keyword=value.`,
        hint: 'Each service is a [name] line followed by keyword=value lines (host=…, port=…, dbname=…).',
      });
    }
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (key === 'service') {
      throw new GatehouseError('GH401', `Line ${index + 1} of the service file ${file} nests a service.`, {
        hint: 'A service definition may not refer to another service; copy its keywords instead.',
      });
    }
    if (!(key in current)) current[key] = value;
  });
  return services;
}
