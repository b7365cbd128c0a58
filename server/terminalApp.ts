import fs from 'node:fs';
import path from 'node:path';
import express, { Router, type RequestHandler } from 'express';
import helmet from 'helmet';
import type { Config } from '../config/env';
import { codedProblem, detailLanguage, sendProblem } from '../http/problem';

// The inspectors' terminal app (terminal-app/dist, a Vite build with base /terminal/), served on the API's origin so
// that it calls /mobile/v1 without CORS. Its needs differ from the back office's: MapLibre runs its worker from a
// blob: URL, the browser PUTs evidence straight to the S3 store (presigned URLs), the map loads tiles from the
// configured host, and the visit uses the camera, the microphone and the position.

export const TERMINAL_BASE = '/terminal';

/** The origins a tile URL template reaches: one per subdomain when the host has {s}. */
export function tileOrigins(tiles: Config['mapTiles']): string[] {
  if (!tiles) return [];
  const hosts = tiles.url.includes('{s}') ? (tiles.subdomains ?? []).map((s) => tiles.url.replaceAll('{s}', s)) : [tiles.url];
  return [...new Set(hosts.map((u) => new URL(u.replace(/\{[a-z]+\}/gi, '0')).origin))];
}

/** The terminal's Content-Security-Policy directives (helmet's form). */
export function terminalCspDirectives(config: Pick<Config, 'KEYCLOAK_URL' | 'S3_ENDPOINT' | 'mapTiles'>): Record<string, string[] | null> {
  const keycloak = new URL(config.KEYCLOAK_URL).origin;
  const s3 = new URL(config.S3_ENDPOINT).origin;
  const tiles = tileOrigins(config.mapTiles);
  return {
    'default-src': ["'self'"],
    // keycloak-js reads the token endpoint; evidence is PUT to presigned S3 URLs; MapLibre fetches tiles.
    'connect-src': ["'self'", keycloak, s3, ...tiles],
    'frame-src': ["'self'", keycloak],
    'img-src': ["'self'", 'data:', 'blob:', s3, ...tiles],
    'media-src': ["'self'", 'data:', 'blob:', s3],
    // MapLibre starts its web worker from a blob: URL.
    'worker-src': ["'self'", 'blob:'],
    'style-src': ["'self'", "'unsafe-inline'"],
    'script-src': ["'self'"],
    'manifest-src': ["'self'"],
    'upgrade-insecure-requests': null,
  };
}

/** Camera, microphone and position for the app itself, nothing for anything it embeds. */
export const TERMINAL_PERMISSIONS_POLICY = 'camera=(self), microphone=(self), geolocation=(self)';

export const isTerminalPath = (p: string): boolean => p === TERMINAL_BASE || p.startsWith(`${TERMINAL_BASE}/`);

/** The security headers of /terminal (used instead of the back office's helmet there). */
export function terminalHelmet(config: Config): RequestHandler {
  const h = helmet({ contentSecurityPolicy: { directives: terminalCspDirectives(config) } });
  return (req, res, next) => {
    res.set('Permissions-Policy', TERMINAL_PERMISSIONS_POLICY);
    h(req, res, next);
  };
}

// Files that name the current build and must be revalidated on every load: the page, the service worker (a browser
// checks it for updates), the manifest. Vite's hashed assets/* never change under their name.
const REVALIDATE = new Set(['index.html', 'sw.js', 'manifest.webmanifest']);
const IMMUTABLE = 'public, max-age=31536000, immutable';

const TYPES: Record<string, string> = { '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8' };

/**
 * The build writes a `.gz` beside each script and stylesheet (terminal-app/vite.config.ts): on a field terminal's
 * slow link the initial bundle is a third of its size, and the server does no compression work per request.
 */
function precompressed(dir: string): RequestHandler {
  return (req, res, next) => {
    const type = TYPES[path.extname(req.path)];
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !type || !req.path.startsWith('/assets/')) return next();
    res.vary('Accept-Encoding');
    if (!req.acceptsEncodings('gzip')) return next();
    const file = path.join(dir, path.normalize(req.path).replace(/^([/\\])+/, ''));
    if (!file.startsWith(path.join(dir, 'assets') + path.sep) || !fs.existsSync(`${file}.gz`)) return next();
    res.set({ 'Content-Type': type, 'Content-Encoding': 'gzip', 'Cache-Control': IMMUTABLE });
    res.sendFile(`${file}.gz`);
  };
}

/**
 * Mounted at /terminal. The directory is looked at per request, so an app built after the API started is served
 * (npm start builds it first; a developer may rebuild it while the API runs).
 */
export function terminalApp(dir: string): Router {
  const router = Router();
  const index = path.join(dir, 'index.html');
  const serve = express.static(dir, {
    index: false,
    redirect: false,
    setHeaders(res, file) {
      const rel = path.relative(dir, file).split(path.sep).join('/');
      if (REVALIDATE.has(rel)) res.set('Cache-Control', 'no-cache');
      else if (rel.startsWith('assets/')) res.set('Cache-Control', IMMUTABLE);
      else res.set('Cache-Control', 'public, max-age=3600');
      // Its natural scope already; said explicitly so that moving the file cannot narrow it silently.
      if (rel === 'sw.js') res.set('Service-Worker-Allowed', `${TERMINAL_BASE}/`);
    },
  });
  router.use(precompressed(dir));
  router.use(serve);
  router.get(/.*/, (req, res) => {
    // A missing hashed asset (an old page asking for a previous build's chunk) is a 404, never the HTML page, which
    // the browser would try to run as a script.
    if (req.path.startsWith('/assets/') || /\.[a-z0-9]+$/i.test(req.path)) {
      return sendProblem(res, codedProblem(404, 'Not found', 'terminal-app.file-unknown', { path: `${TERMINAL_BASE}${req.path}` }, detailLanguage(req)));
    }
    if (!fs.existsSync(index)) {
      return sendProblem(res, codedProblem(503, 'Terminal app not built', 'terminal-app.not-built', {}, detailLanguage(req)));
    }
    res.set('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
