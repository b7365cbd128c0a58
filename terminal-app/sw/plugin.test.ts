import { describe, expect, it } from 'vitest';
import { initialFiles, precacheEntries } from './plugin';

describe('precacheEntries', () => {
  const files = new Map<string, string | Uint8Array>([
    ['index.html', '<html>'], ['assets/index-1.js', 'a'.repeat(400)], ['assets/index-1.js.map', '{}'], ['icons/i.png', new Uint8Array([1, 2])],
    ['assets/MapPage-2.js', 'svg map'], ['assets/GlMap-3.js', 'm'.repeat(300)], ['assets/maplibre-gl-worker-4.mjs', 'w'.repeat(500)],
  ]);

  it('precaches what index.html loads whatever its size, and small lazy files; large lazy files wait for first use', () => {
    const { precache, runtime } = precacheEntries(files, { assetsDir: 'assets', initial: new Set(['assets/index-1.js']), lazyUpTo: 200 });
    expect(precache.map((e) => [e.url, e.immutable])).toEqual([
      ['assets/MapPage-2.js', true], ['assets/index-1.js', true], ['icons/i.png', false], ['index.html', false],
    ]);
    expect(runtime).toEqual(['assets/GlMap-3.js', 'assets/maplibre-gl-worker-4.mjs']);
  });

  it('stamps each file with the first 16 hex digits of its SHA-256', () => {
    const { precache } = precacheEntries(new Map([['assets/a-1.js', 'a']]), { assetsDir: 'assets', initial: new Set(), lazyUpTo: 10 });
    expect(precache[0]!.rev).toBe('ca978112ca1bbdca'); // sha256("a")
  });
});

describe('initialFiles', () => {
  it('reads the entry script, modulepreloads and stylesheets of index.html, not icons or the manifest', () => {
    const html = `<link rel="manifest" href="/terminal/manifest.webmanifest" /><link rel="icon" href="/terminal/icons/icon.svg" />
      <script type="module" crossorigin src="/terminal/assets/index-1.js"></script>
      <link rel="modulepreload" crossorigin href="/terminal/assets/vendor-2.js"><link rel="stylesheet" crossorigin href="/terminal/assets/index-3.css">`;
    expect([...initialFiles(html, '/terminal/')].sort()).toEqual(['assets/index-1.js', 'assets/index-3.css', 'assets/vendor-2.js']);
  });
});
