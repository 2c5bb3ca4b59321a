// Builds the staff console and the customer app with Vite when their sources (or the API
// client) changed since the last build, so `npm start` is quick on a second run. Each text
// asset then gets brotli and gzip siblings (`x.js.br`, `x.js.gz`) that the server sends to
// browsers accepting them, so the first load moves a fraction of the bytes.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import zlib from 'node:zlib';

const root = path.resolve(import.meta.dirname, '..');
const force = process.argv.includes('--force');

const COMPRESSIBLE = /\.(?:js|mjs|css|html|svg|json|webmanifest|txt)$/;
// Below this a compressed copy saves less than the bytes of its own response headers.
const MIN_BYTES = 1024;
const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

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

function textAssets(dir) {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && COMPRESSIBLE.test(e.name))
    .map((e) => path.join(e.parentPath, e.name))
    .filter((file) => fs.statSync(file).size >= MIN_BYTES);
}

/** Writes `.br` (quality 11) and `.gz` (level 9) next to each text asset not yet compressed. */
async function precompress(dist) {
  const written = await Promise.all(
    textAssets(dist).map(async (file) => {
      const stat = fs.statSync(file);
      const fresh = (ext) =>
        fs.existsSync(file + ext) && fs.statSync(file + ext).mtimeMs >= stat.mtimeMs;
      if (fresh('.br') && fresh('.gz')) return 0;
      const body = fs.readFileSync(file);
      const [br, gz] = await Promise.all([
        brotli(body, {
          params: {
            [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
            [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length,
            [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
          },
        }),
        gzip(body, { level: 9 }),
      ]);
      fs.writeFileSync(file + '.br', br);
      fs.writeFileSync(file + '.gz', gz);
      return 1;
    }),
  );
  return written.reduce((a, b) => a + b, 0);
}

for (const app of ['console', 'app']) {
  const dir = path.join(root, 'apps', app);
  const dist = path.join(dir, 'dist');
  const built = path.join(dist, 'index.html');
  const sources = Math.max(newest(dir), newest(path.join(root, 'packages/api-client/src')));
  if (!force && fs.existsSync(built) && fs.statSync(built).mtimeMs >= sources) {
    console.log(`apps/${app}: up to date`);
  } else {
    const started = Date.now();
    console.log(`apps/${app}: building…`);
    execFileSync(
      process.execPath,
      [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'],
      { cwd: dir, stdio: 'inherit' },
    );
    console.log(`apps/${app}: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  // Also on an up-to-date build, which may come from before the compressed copies existed.
  const started = Date.now();
  const count = await precompress(dist);
  if (count)
    console.log(
      `apps/${app}: compressed ${count} files in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
}
