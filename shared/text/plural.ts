/**
 * English plurals for the counts in messages and labels ("1 statement", "3 statements", "2 policies"), written once
 * so that no panel says "1 rows".
 */
export function plural(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
