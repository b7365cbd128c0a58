// `npm start` / `npm test` on a fresh clone install dependencies themselves.
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from './config.mjs';
import { run, log } from './util.mjs';

/** @param {string} dir */
function stale(dir) {
  const lock = path.join(dir, 'package-lock.json');
  const marker = path.join(dir, 'node_modules', '.package-lock.json');
  if (!fs.existsSync(marker)) return true;
  return fs.existsSync(lock) && fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs;
}

export function ensureNpmDeps() {
  for (const dir of [ROOT, path.join(ROOT, 'admin-ui')]) {
    if (!fs.existsSync(path.join(dir, 'package.json'))) continue;
    if (!stale(dir)) continue;
    log(`npm ci in ${path.relative(ROOT, dir) || '.'}`);
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  }
}

/** Build the admin UI when its sources are newer than its last build. */
export function ensureAdminBuild() {
  const dir = path.join(ROOT, 'admin-ui');
  if (!fs.existsSync(path.join(dir, 'package.json'))) return;
  const built = path.join(dir, 'dist', 'index.html');
  const newest = newestMtime([path.join(dir, 'src'), path.join(dir, 'index.html'), path.join(dir, 'package-lock.json'), path.join(dir, 'vite.config.ts')]);
  if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest) return;
  log('building the admin UI');
  run('npm', ['run', 'build'], { cwd: dir });
}

/** @param {string[]} paths */
function newestMtime(paths) {
  let newest = 0;
  const visit = (/** @type {string} */ p) => {
    if (!fs.existsSync(p)) return;
    const st = fs.statSync(p);
    if (st.isDirectory()) for (const f of fs.readdirSync(p)) visit(path.join(p, f));
    else newest = Math.max(newest, st.mtimeMs);
  };
  paths.forEach(visit);
  return newest;
}
