const MASK = '••••••••';

/**
 * postgrest.conf text with its secrets masked: the values of jwt-secret (and any *-secret / *-password key) and
 * the password of db-uri. Null when the text holds no secret (nothing to hide).
 */
export function maskSecrets(text: string): string | null {
  let found = false;
  const masked = text
    .split('\n')
    .map((line) => {
      const secret = /^(\s*[A-Za-z0-9_.-]*(?:secret|password)[A-Za-z0-9_.-]*\s*=\s*)(.*)$/i.exec(line);
      if (secret && secret[2]!.trim() !== '' && secret[2]!.trim() !== '""') {
        found = true;
        return `${secret[1]}"${MASK}"`;
      }
      return line.replace(
        /(postgres(?:ql)?:\/\/[^:/@\s"]+:)([^@\s"]+)(@)/g,
        (_m, a: string, _p: string, b: string) => {
          found = true;
          return `${a}${MASK}${b}`;
        },
      );
    })
    .join('\n');
  return found ? masked : null;
}
