/** Content-Range value `lower-upper/total`, `*` when the range is empty or the total is zero (RFC 7233 style). */
export function contentRange(lower: number, upper: number, total: number | null): string {
  const range = total !== 0 && lower <= upper ? `${lower}-${upper}` : '*';
  return `${range}/${total === null ? '*' : String(total)}`;
}

/** Status and Content-Range of a read: 206 when the page is smaller than a known total, 416 past its end. */
export function rangeStatus(
  offset: number,
  queryTotal: number,
  tableTotal: number | null,
): { status: number; contentRange: string } {
  const upper = offset + queryTotal - 1;
  let status = 200;
  if (tableTotal !== null) {
    if (offset > tableTotal) status = 416;
    else if (1 + upper - offset < tableTotal) status = 206;
  }
  return { status, contentRange: contentRange(offset, upper, tableTotal) };
}
