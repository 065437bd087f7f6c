/**
 * Where each value of a valid JSON text starts: path (`acknowledgements.2.reason`) → 1-based line. Lets an error
 * about a file that parses but does not fit its schema name the line to fix.
 */
export function jsonValueLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] ?? '')) {
      if (text[i] === '\n') line++;
      i++;
    }
  };
  const string = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string): void => {
    ws();
    lines.set(path, line);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        const key = string();
        ws();
        i++; // :
        value(path === '' ? key : `${path}.${key}`);
        ws();
        if (text[i++] === '}') return;
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        value(path === '' ? String(n) : `${path}.${n}`);
        ws();
        if (text[i++] === ']') return;
      }
    } else if (c === '"') string();
    else while (i < text.length && /[^\s,\]}]/.test(text[i] ?? '')) i++;
  };
  value('');
  return lines;
}

/** The 1-based line of a character offset. */
export function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < text.length; i++) if (text[i] === '\n') line++;
  return line;
}
