// What the build tells the service worker (sw/plugin.ts writes it into sw.js as __JICHA_SW__). Types only: imported by
// the worker, the Vite plugin (Node) and the page alike.

export interface PrecacheEntry {
  /** Path relative to the app's base (`assets/index-Ab12.js`, `index.html`, `icons/icon-192.png`). */
  url: string;
  /** First 16 hex digits of the file's SHA-256: the worker checks what it downloaded against it. */
  rev: string;
  /** Content-hashed file name (under assets/): the browser's HTTP cache may answer for it. */
  immutable: boolean;
}

export interface SwBuild {
  /** Hash of every precached file and of the worker's own source: names this build's caches. */
  version: string;
  /** The app's base path, with slashes: `/terminal/`. */
  base: string;
  precache: PrecacheEntry[];
  /** This build's large lazy files (MapLibre), cached on first use instead; paths relative to base. */
  runtime: string[];
}
