/** Mean Earth radius (IUGG), metres. */
export const EARTH_RADIUS_M = 6_371_008.8;

export interface LatLon {
  lat: number;
  lon: number;
}

/** Local metric coordinates around an origin: metres east (x) and north (y). */
export interface LocalPoint {
  x: number;
  y: number;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Equirectangular projection around `origin`: good to centimetres over the few kilometres a
 * field visit spans, and needs no map tiles.
 */
export function projectLocal(origin: LatLon, point: LatLon): LocalPoint {
  return {
    x: EARTH_RADIUS_M * rad(point.lon - origin.lon) * Math.cos(rad(origin.lat)),
    y: EARTH_RADIUS_M * rad(point.lat - origin.lat),
  };
}

/** The inverse of projectLocal (used by tests and to place synthetic points). */
export function unprojectLocal(origin: LatLon, p: LocalPoint): LatLon {
  return {
    lat: origin.lat + (p.y / EARTH_RADIUS_M) * (180 / Math.PI),
    lon: origin.lon + (p.x / (EARTH_RADIUS_M * Math.cos(rad(origin.lat)))) * (180 / Math.PI),
  };
}

/**
 * Half the side of the square view, in metres: everything within `minHalfM` of the origin
 * (the geofence) plus every point, with a margin.
 */
export function viewHalfExtent(points: readonly LocalPoint[], minHalfM: number, margin = 1.15): number {
  const far = points.reduce((m, p) => Math.max(m, Math.abs(p.x), Math.abs(p.y)), 0);
  return Math.max(minHalfM, far) * margin;
}

/** Longest "nice" length (1, 2 or 5 × 10ⁿ metres) not above `maxM`, for the scale bar. */
export function niceScaleLength(maxM: number): number {
  if (!(maxM > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(maxM));
  const nice = [5, 2, 1].find((f) => f * power <= maxM) ?? 1;
  return nice * power;
}

/** SVG coordinates are y-down: north is up, so svg y = −north. One SVG unit = one metre. */
export const toSvg = (p: LocalPoint) => ({ x: p.x, y: -p.y });
