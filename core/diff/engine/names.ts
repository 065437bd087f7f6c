const utf8 = new TextEncoder();

/** `name_suffix` cut (on a character boundary) to PostgreSQL's 63-byte identifier limit. */
export function suffixedName(name: string, suffix: string): string {
  let head = name;
  while (utf8.encode(`${head}_${suffix}`).length > 63) head = [...head].slice(0, -1).join('');
  return `${head}_${suffix}`;
}
