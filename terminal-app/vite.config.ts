import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { searchForWorkspaceRoot } from 'vite';
import react from '@vitejs/plugin-react';
import { serviceWorkerPlugin } from './sw/plugin.js';

// The terminal app is served by the API at /terminal/ (server/app.ts); the typed client is generated into ../client.
const clientDir = fileURLToPath(new URL('../client', import.meta.url));
const apiTarget = process.env.JICHA_API_URL ?? 'http://localhost:3000';
const proxy = { '/mobile': { target: apiTarget, changeOrigin: false } };

export default defineConfig({
  base: '/terminal/',
  // sw.js (offline start, cached API reads, update on tap): see sw/plugin.ts
  plugins: [react(), serviceWorkerPlugin()],
  resolve: { dedupe: ['openapi-fetch'] },
  server: { port: 5174, strictPort: true, proxy, fs: { allow: [searchForWorkspaceRoot(process.cwd()), clientDir] } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // MapLibre (~230 KB gzip) is loaded only when a map is shown; the initial bundle is budgeted (bench:terminal-app).
    chunkSizeWarningLimit: 1200,
  },
  test: {
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'sw/**/*.test.ts'],
  },
});
