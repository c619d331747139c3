/**
 * SQL literals for our own constants only: user values stay in columns or go in as parameters.
 * Pure, so core/ can build SQL; sources/ re-exports `text` as `lit`.
 */

/** A string constant as a SQL literal. */
export function text(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A finite number constant as a DOUBLE literal. */
export function num(x: number): string {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  return `CAST(${x} AS DOUBLE)`;
}

