import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';

/**
 * Count CSV data records independently of DuckDB (RFC 4180 quoting, CRLF or LF, blank lines ignored),
 * so tests can check that every row of a file is accounted for.
 */
export function countCsvRecords(path: string): number {
  const buf = readFileSync(path);
  const text = (path.endsWith('.gz') ? gunzipSync(buf) : buf).toString('utf8');
  let records = 0;
  let inQuotes = false;
  let nonEmpty = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '"') {
      inQuotes = !inQuotes;
      nonEmpty = true;
    } else if (ch === '\n' && !inQuotes) {
      if (nonEmpty) records++;
      nonEmpty = false;
    } else if (ch !== '\r') nonEmpty = true;
  }
  if (nonEmpty) records++;
  return Math.max(0, records - 1);
}
