// Builds the staff console and the customer app with Vite when their sources (or the API
// client) changed since the last build, so `npm start` is quick on a second run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const force = process.argv.includes('--force');

function newest(dir) {
  let latest = 0;
  if (!fs.existsSync(dir)) return latest;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const p = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
  }
  return latest;
}

for (const app of ['console', 'app']) {
  const dir = path.join(root, 'apps', app);
  const built = path.join(dir, 'dist', 'index.html');
  const sources = Math.max(newest(dir), newest(path.join(root, 'packages/api-client/src')));
  if (!force && fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) {
    console.log(`apps/${app}: up to date`);
    continue;
  }
  const started = Date.now();
  console.log(`apps/${app}: building…`);
  execFileSync(
    process.execPath,
    [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
    { cwd: dir, stdio: 'inherit' },
  );
  console.log(`apps/${app}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
