/**
 * Where a setting is written in postgrest.conf text: the [start, end) of its line (the first that sets it, `key =`
 * or `key=`; comments skipped), or null when the text does not set it. A link to the setting selects that line.
 */
export function settingLine(text: string, key: string): { start: number; end: number } | null {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const setting = new RegExp(`^\\s*${escaped}\\s*=`);
  let start = 0;
  for (const line of text.split('\n')) {
    if (setting.test(line)) return { start, end: start + line.length };
    start += line.length + 1;
  }
  return null;
}
