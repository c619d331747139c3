// Adds lockfile entries for DuckDB's native bindings on every platform.
// npm records only the optional packages it could see on the machine that wrote the lockfile, and
// `npm ci` then refuses the lockfile elsewhere ("Missing: @duckdb/node-bindings-… from lock file").
// Run after changing the DuckDB version: node scripts/lockfile-platforms.mjs
import fs from 'node:fs';

const file = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, 'utf8'));
const bindings = lock.packages['node_modules/@duckdb/node-bindings'];
if (!bindings) throw new Error('package-lock.json has no @duckdb/node-bindings entry');
let added = 0;
for (const [name, version] of Object.entries(bindings.optionalDependencies ?? {})) {
  const key = `node_modules/${name}`;
  if (lock.packages[key]) continue;
  const m = /node-bindings-(darwin|linux|win32)-(arm64|x64)(-musl)?$/.exec(name);
  if (!m) throw new Error(`unexpected binding package name: ${name}`);
  const [, os, cpu, musl] = m;
  lock.packages[key] = {
    version,
    cpu: [cpu],
    ...(os === 'linux' ? { libc: [musl ? 'musl' : 'glibc'] } : {}),
    license: 'MIT',
    optional: true,
    os: [os],
  };
  added += 1;
}
const ordered = Object.keys(lock.packages).sort((a, b) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b, 'en')));
lock.packages = Object.fromEntries(ordered.map((k) => [k, lock.packages[k]]));
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} platform binding entr${added === 1 ? 'y' : 'ies'}`);
