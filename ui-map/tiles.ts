// The basemap is configuration (GET /mobile/v1/public-config → map.tiles). MapLibre draws any raster source given
// as URL templates with {z}/{x}/{y}; that covers XYZ servers and 天地图's WMTS KVP GetTile URLs alike, e.g.
//   https://t{s}.tianditu.gov.cn/img_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0&LAYER=img&STYLE=default
//     &TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={z}&TILEROW={y}&TILECOL={x}&tk=…   with subdomains 0–7.
// Only Web Mercator tile grids line up (天地图's "_w" / TILEMATRIXSET=w); its "_c" sets are geographic (EPSG:4490)
// and would be drawn in the wrong places, so they are refused with a reason rather than shown misplaced. The
// features are WGS-84, which 天地图 (CGCS2000) matches to centimetres; a GCJ-02 basemap (高德 tiles) would sit
// hundreds of metres off — configure WGS-84/CGCS2000 tiles only.

/** A configured tile source, as both public configs serve it (config/env.ts MAP_TILE_*). */
export interface TileSource {
  kind: 'xyz' | 'wmts';
  url: string;
  subdomains?: string[];
  attribution?: string;
  maxZoom?: number;
}

export type BasemapProblem = 'none' | 'unsupported-grid';

export interface RasterBasemap {
  tiles: string[];
  attribution?: string;
  maxzoom: number;
}

/** Expand `{s}` into one URL per subdomain (MapLibre spreads requests over the list itself). */
export function expandSubdomains(url: string, subdomains: readonly string[] | undefined): string[] {
  if (!url.includes('{s}')) return [url];
  const subs = subdomains && subdomains.length ? subdomains : ['a', 'b', 'c'];
  return subs.map((s) => url.split('{s}').join(s));
}

/** The raster source for a configured tile source, or why there is none. */
export function rasterBasemap(t: TileSource | null): { basemap: RasterBasemap } | { basemap: null; problem: BasemapProblem } {
  if (!t) return { basemap: null, problem: 'none' };
  if (t.kind === 'wmts' && /[?&]TILEMATRIXSET=c(?:&|$)/i.test(t.url)) return { basemap: null, problem: 'unsupported-grid' };
  return {
    basemap: {
      tiles: expandSubdomains(t.url, t.subdomains),
      attribution: t.attribution,
      // 天地图 serves up to level 18; beyond a source's last level MapLibre over-zooms the last tiles.
      maxzoom: Math.min(Math.max(t.maxZoom ?? 18, 1), 22),
    },
  };
}
