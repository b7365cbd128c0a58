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

/** The two web apps, each its own npm package built by Vite: the back office and the inspectors' terminal. */
export const UI_PACKAGES = ['admin-ui', 'terminal-app'];

export function ensureNpmDeps() {
  for (const dir of [ROOT, ...UI_PACKAGES.map((u) => path.join(ROOT, u))]) {
    if (!fs.existsSync(path.join(dir, 'package.json'))) continue;
    if (!stale(dir)) continue;
    log(`npm ci in ${path.relative(ROOT, dir) || '.'}`);
    run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'inherit' });
  }
}

/** Build each web app (admin UI, terminal app) when its sources are newer than its last build. */
export function ensureAdminBuild() {
  for (const name of UI_PACKAGES) {
    const dir = path.join(ROOT, name);
    if (!fs.existsSync(path.join(dir, 'package.json'))) continue;
    const built = path.join(dir, 'dist', 'index.html');
    const sources = ['src', 'public', 'index.html', 'package-lock.json', 'vite.config.ts', path.join('..', 'client')].map((p) => path.join(dir, p));
    const newest = newestMtime(sources);
    if (fs.existsSync(built) && fs.statSync(built).mtimeMs >= newest) continue;
    log(`building ${name}`);
    run('npm', ['run', 'build'], { cwd: dir });
  }
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
