/** Byte-order mark: lets Excel on a zh-CN Windows open UTF-8 CSV with Chinese text correctly. */
export const UTF8_BOM = '\uFEFF';

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // Quote when needed; neutralise a leading =,+,-,@ so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** RFC 4180 CSV (CRLF line ends) with a header row, prefixed with a UTF-8 BOM. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return UTF8_BOM + [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
