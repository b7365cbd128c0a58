import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { searchForWorkspaceRoot } from 'vite';
import react from '@vitejs/plugin-react';

// The typed API client is generated into ../client (shared with the terminal simulator). Its imports resolve from this
// package's node_modules (`dedupe`), and the dev server may serve its files (`fs.allow`).
const clientDir = fileURLToPath(new URL('../client', import.meta.url));
// The map code shared by the back office and the terminal app (../ui-map): its imports resolve here too.
const uiMapDir = fileURLToPath(new URL('../ui-map', import.meta.url));

// During `npm run dev` the API runs separately (default http://localhost:3000);
// in production the API process serves admin-ui/dist itself at `/`.
const apiTarget = process.env.JICHA_API_URL ?? 'http://localhost:3000';
const proxy = {
  '/api': { target: apiTarget, changeOrigin: false },
  '/mobile': { target: apiTarget, changeOrigin: false },
};

export default defineConfig({
  base: '/',
  plugins: [react()],
  resolve: { dedupe: ['openapi-fetch', 'maplibre-gl'] },
  server: {
    port: 5173,
    strictPort: true,
    proxy,
    fs: { allow: [searchForWorkspaceRoot(process.cwd()), clientDir, uiMapDir] },
  },
  preview: {
    port: 4173,
    proxy,
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // react-admin + MUI make one large vendor bundle; it is an internal back-office app.
    chunkSizeWarningLimit: 2500,
  },
  test: {
    // Logic tests run in node; component tests (*.test.tsx) ask for jsdom in their first line.
    environment: 'node',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
  },
});
