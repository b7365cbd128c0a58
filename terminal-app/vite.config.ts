import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { searchForWorkspaceRoot } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorkerPlugin } from './sw/plugin.js';

// The terminal app is served by the API at /terminal/ (server/app.ts); the typed client is generated into ../client.
const clientDir = fileURLToPath(new URL('../client', import.meta.url));
// The map code shared by the back office and the terminal app (../ui-map): its imports resolve here too.
const uiMapDir = fileURLToPath(new URL('../ui-map', import.meta.url));
const apiTarget = process.env.JICHA_API_URL ?? 'http://localhost:3000';
const proxy = { '/mobile': { target: apiTarget, changeOrigin: false } };

/** Writes `<file>.gz` beside each built script and stylesheet, which the API serves to browsers that accept gzip. */
function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'jicha-precompress',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    writeBundle() {
      const assets = path.join(outDir, 'assets');
      for (const f of fs.readdirSync(assets)) {
        if (!/\.(m?js|css)$/.test(f)) continue;
        const file = path.join(assets, f);
        fs.writeFileSync(`${file}.gz`, zlib.gzipSync(fs.readFileSync(file), { level: 9 }));
      }
    },
  };
}

export default defineConfig({
  base: '/terminal/',
  // sw.js (offline start, cached API reads, update on tap): see sw/plugin.ts
  plugins: [react(), serviceWorkerPlugin(), precompress()],
  resolve: { dedupe: ['openapi-fetch', 'maplibre-gl'] },
  server: { port: 5174, strictPort: true, proxy, fs: { allow: [searchForWorkspaceRoot(process.cwd()), clientDir, uiMapDir] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // MapLibre (~230 KB gzip) is loaded only when a map is shown; the initial bundle is budgeted (bench:terminal-app).
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', '../ui-map/**/*.test.ts', 'sw/**/*.test.ts'],
  },
});
