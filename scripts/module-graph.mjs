#!/usr/bin/env node
// Measures how well the server's walls hold, from its own imports (production files only):
// cycles between server folders, imports that reach past a module's index.ts, and lower layers
// (config, db, kernel, http, channels, app) that import a module. `--list` prints every offending
// import, and writes to another module's tables. `--check` exits 1 when any of them is not zero
// (npm run lint runs it).
// Usage: node scripts/module-graph.mjs [--list] [--check]
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../apps/server/src');
const list = process.argv.includes('--list');
const check = process.argv.includes('--check');
const LOWER = ['config', 'db', 'kernel', 'http', 'channels', 'jobs', 'app'];

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'testing' ? [] : walk(p);
    return /\.tsx?$/.test(e.name) && !/(\.test\.tsx?|^testing\.ts)$/.test(e.name) ? [p] : [];
  });
}

/** The unit a file belongs to: `modules/<m>`, a top folder, or `root` for files directly in src. */
function unitOf(file) {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'modules') return `modules/${rel[1]}`;
  if (rel.length === 1) return rel[0] === 'config.ts' ? 'config' : 'root';
  return rel[0];
}

const files = walk(root);
const edges = new Map();
const pastIndex = [];
const lowerUp = [];
const importRe =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;
for (const file of files) {
  const src = fs.readFileSync(file, 'utf8');
  const from = unitOf(file);
  for (const m of src.matchAll(importRe)) {
    const spec = m[1] ?? m[2];
    const target = path.resolve(path.dirname(file), spec);
    if (!target.startsWith(root)) continue;
    const to = unitOf(target);
    if (to === from) continue;
    if (!edges.has(from)) edges.set(from, new Set());
    edges.get(from).add(to);
    const where = `${path.relative(root, file)} -> ${spec}`;
    // The composition root wires each module's `module.ts`, and lists every `*.tables.ts` for
    // drizzle-kit; everything else goes through a module's index.
    const rootWiring =
      from === 'root' && /^(module\.ts|[\w-]+\.tables\.ts)$/.test(path.basename(target));
    if (to.startsWith('modules/') && path.basename(target) !== 'index.ts' && !rootWiring)
      pastIndex.push(where);
    if (LOWER.includes(from) && to.startsWith('modules/')) lowerUp.push(where);
  }
}

// Writes to another module's tables: a module's tables are the `pgTable` objects of its
// `*.tables.ts` (by variable and by SQL name); a write is `.insert(t)`, `.update(t)`, `.delete(t)`,
// `bulkInsert(db, t, …)` or `bulkUpdate(db, t, …)` on such a variable, or `insert into` / `update` / `delete from` such a name in raw SQL, in a
// production file of another module. (A merge re-pointing every customer_id column by the
// catalogue names no table, and is the customers module's stated exception.)
const ownerByVar = new Map();
const ownerByName = new Map();
for (const file of files) {
  if (!file.endsWith('.tables.ts')) continue;
  const src = fs.readFileSync(file, 'utf8');
  for (const m of src.matchAll(/export const (\w+) = pgTable\(\s*'(\w+)'/g)) {
    ownerByVar.set(m[1], unitOf(file));
    ownerByName.set(m[2], unitOf(file));
  }
}
const foreignWrites = [];
for (const file of files) {
  const from = unitOf(file);
  if (!from.startsWith('modules/')) continue;
  const src = fs.readFileSync(file, 'utf8');
  const hits = [
    ...[...src.matchAll(/\.(insert|update|delete)\(\s*(\w+)\s*\)/g)].map((m) => [
      m[2],
      ownerByVar.get(m[2]),
    ]),
    ...[...src.matchAll(/\bbulk(?:Insert|Update)\(\s*[\w.]+,\s*(\w+)/g)].map((m) => [
      m[1],
      ownerByVar.get(m[1]),
    ]),
    ...[...src.matchAll(/\b(?:insert\s+into|update|delete\s+from)\s+"?(\w+)"?/gi)].map((m) => [
      m[1],
      ownerByName.get(m[1]),
    ]),
  ];
  for (const [table, owner] of hits)
    if (owner && owner !== from && owner.startsWith('modules/'))
      foreignWrites.push(`${path.relative(root, file)} writes ${table} (${owner})`);
}

// Tarjan's strongly connected components over the folder graph.
const units = [...new Set([...edges.keys(), ...[...edges.values()].flatMap((s) => [...s])])];
let index = 0;
const idx = new Map();
const low = new Map();
const stack = [];
const on = new Set();
const sccs = [];
function strong(v) {
  idx.set(v, index);
  low.set(v, index++);
  stack.push(v);
  on.add(v);
  for (const w of edges.get(v) ?? []) {
    if (!idx.has(w)) {
      strong(w);
      low.set(v, Math.min(low.get(v), low.get(w)));
    } else if (on.has(w)) low.set(v, Math.min(low.get(v), idx.get(w)));
  }
  if (low.get(v) === idx.get(v)) {
    const c = [];
    let w;
    do {
      w = stack.pop();
      on.delete(w);
      c.push(w);
    } while (w !== v);
    if (c.length > 1) sccs.push(c.sort());
  }
}
for (const u of units) if (!idx.has(u)) strong(u);

console.log(`server folders: ${units.length}, production files: ${files.length}`);
console.log(
  `import cycles between folders: ${sccs.length}${sccs.map((c) => `\n  (${c.length}) ${c.join(', ')}`).join('')}`,
);
console.log(`imports past a module's index.ts: ${pastIndex.length}`);
console.log(`lower layers (${LOWER.join(', ')}) importing a module: ${lowerUp.length}`);
console.log(`writes to another module's tables: ${foreignWrites.length}`);
if (list) {
  console.log('\npast an index:\n  ' + pastIndex.join('\n  '));
  console.log('\nlower layers up:\n  ' + lowerUp.join('\n  '));
  console.log("\nwrites to another module's tables:\n  " + foreignWrites.join('\n  '));
}
if (check && (sccs.length || pastIndex.length || lowerUp.length || foreignWrites.length)) {
  console.error('module walls broken: see `node scripts/module-graph.mjs --list`');
  process.exit(1);
}
