/**
 * The registered-routes table logged at start-up, shaped like go-doudou's (docs/go-doudou-differences.md#start-up-and-shutdown): a
 * header line, a bordered Name | Method | Pattern table, and a closing line of '='.
 */

export interface RouteRow {
  name: string;
  method: string;
  pattern: string;
}

export const ROUTE_TABLE_HEADER = '================ Registered Routes ================';

export function renderRouteTable(rows: readonly RouteRow[]): string {
  const header = ['NAME', 'METHOD', 'PATTERN'];
  const cells = rows.map((r) => [r.name, r.method.toUpperCase(), r.pattern]);
  const widths = header.map((h, col) => Math.max(h.length, ...cells.map((row) => row[col].length)));
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+`;
  const center = (s: string, w: number): string => {
    const left = Math.floor((w - s.length) / 2);
    return ' '.repeat(left) + s + ' '.repeat(w - s.length - left);
  };
  const line = (row: readonly string[], pad: (s: string, w: number) => string): string =>
    `| ${row.map((cell, col) => pad(cell, widths[col])).join(' | ')} |`;
  return [
    ROUTE_TABLE_HEADER,
    border,
    line(header, center),
    border,
    ...cells.map((row) => line(row, (s, w) => s.padEnd(w))),
    border,
    '='.repeat(ROUTE_TABLE_HEADER.length),
  ].join('\n');
}
