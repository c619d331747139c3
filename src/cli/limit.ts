import type { OutputFormat } from '../report/format.js';
import type { CliContext } from './context.js';
import { parseWhole } from './units.js';

/** `--limit`'s help: what it does by default in each format. */
export function limitHelp(what: string, tableDefault: number): string {
  return `at most this many ${what}; 0 for all (default: ${tableDefault} in a table, all in csv and json)`;
}

/**
 * How many rows a listing shows: `--limit N` as given, 0 for all; without it, all in csv and json (a
 * program reads the whole answer) and `tableDefault` in a table (a person reads the top). Undefined: all.
 *
 * @example listLimit(undefined, 'table', 50) // 50
 */
export function listLimit(value: string | undefined, format: OutputFormat, tableDefault: number): number | undefined {
  const n = value === undefined ? (format === 'table' ? tableDefault : 0) : parseWhole(value, '--limit', 'a whole number ≥ 0 (0 for all)');
  return n === 0 ? undefined : n;
}

/**
 * Say on stderr when a listing was cut at its limit, so no output is short without notice. `count`
 * (the rows there are in all) runs only when the listing reached its limit.
 */
export async function noteCut(c: CliContext, listing: { shown: number; limit: number | undefined; count: () => Promise<number>; what: string; order: string }): Promise<void> {
  if (listing.limit === undefined || listing.shown < listing.limit) return;
  const total = await listing.count();
  if (total <= listing.shown) return;
  const n = (x: number): string => x.toLocaleString('en-US');
  c.err(`showing ${n(listing.shown)} of ${n(total)} ${listing.what} (${listing.order}); --limit N to change, --limit 0 for all`);
}
