/**
 * End-to-end benchmark: ingest + estimate + aggregate of synthetic FOCUS exports, each measurement in
 * its own process (for peak RSS), reported as a ratio to a raw DuckDB scan + GROUP BY of the same file
 * measured in the same run. Usage: npm run bench -- [rows…]   (default 1000000)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { openDb } from '../src/store/duckdb/connection.js';
import { generateFocus } from '../src/demo/generate.js';

interface Result { mode: string; rows: number; seconds: number; maxRssMB: number }

const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const dir = join(tmpdir(), 'greenops-bench');
mkdirSync(dir, { recursive: true });
// Each measurement runs compiled JavaScript in plain Node, as the installed CLI does (a TypeScript
// loader would add ~60 MB of its own to the peak RSS).
const root = new URL('..', import.meta.url).pathname;
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.bench.json')], { stdio: 'inherit' });
const pipeline = join(root, 'dist-bench/bench/pipeline.js');

function measure(mode: 'raw' | 'raw-wide' | 'greenops', file: string): Result {
  const out = execFileSync(process.execPath, [pipeline, mode, file], { encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop() ?? '{}') as Result;
}

const lines: string[] = [
  '| rows | format | raw scan s | raw wide scan s | greenops s | ratio to raw | ratio to raw wide | greenops rows/s | peak RSS MB |',
  '|---|---|---|---|---|---|---|---|---|',
];
for (const rows of sizes.length ? sizes : [1_000_000]) {
  for (const format of ['parquet', 'csv'] as const) {
    const file = join(dir, `focus-${rows}.${format}`);
    const db = await openDb(':memory:');
    await generateFocus(db, { rows, seed: 42, path: file, format });
    db.close();
    const raw = measure('raw', file);
    const wide = measure('raw-wide', file);
    const ours = measure('greenops', file);
    lines.push(`| ${rows.toLocaleString('en-US')} | ${format} | ${raw.seconds.toFixed(2)} | ${wide.seconds.toFixed(2)} | ${ours.seconds.toFixed(2)} | ${(ours.seconds / raw.seconds).toFixed(1)}× | ${(ours.seconds / wide.seconds).toFixed(1)}× | ${Math.round(rows / ours.seconds).toLocaleString('en-US')} | ${Math.round(ours.maxRssMB)} |`);
    process.stdout.write(`${lines[lines.length - 1]}\n`);
  }
}
process.stdout.write(`\n${lines.join('\n')}\n`);
