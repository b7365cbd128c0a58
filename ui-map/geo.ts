import type { LatLon } from './coords';

// Plane geometry on WGS-84 for the map: the same great-circle distance and bearing as the API computes
// (services/tracks/trackGeometry.ts, domain/geo.ts — same mean Earth radius), so that the figure shown offline agrees
// with the one the server gives online; and a local metric projection for drawing without a map engine.

export const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLon = (b.lon - a.lon) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from a to b in degrees (0 = north, clockwise), 0 ≤ result < 360. */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const y = Math.sin((b.lon - a.lon) * RAD) * Math.cos(b.lat * RAD);
  const x = Math.cos(a.lat * RAD) * Math.sin(b.lat * RAD) - Math.sin(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.cos((b.lon - a.lon) * RAD);
  return ((Math.atan2(y, x) / RAD) + 360) % 360;
}

/** The point `distM` metres from `from` along `bearing` degrees (great circle). */
export function destination(from: LatLon, bearing: number, distM: number): LatLon {
  const d = distM / EARTH_RADIUS_M;
  const t = bearing * RAD;
  const lat1 = from.lat * RAD;
  const lon1 = from.lon * RAD;
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(t));
  const lon2 = lon1 + Math.atan2(Math.sin(t) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2));
  return { lat: lat2 / RAD, lon: ((lon2 / RAD + 540) % 360) - 180 };
}

/** A closed ring approximating the circle of `radiusM` around `center` ([lon, lat] pairs, GeoJSON order). */
export function circleRing(center: LatLon, radiusM: number, steps = 64): [number, number][] {
  const ring: [number, number][] = [];
  for (let i = 0; i <= steps; i += 1) {
    const p = destination(center, (360 * i) / steps, radiusM);
    ring.push([p.lon, p.lat]);
  }
  return ring;
}

/** Length of a polyline in metres. */
export function pathLengthM(points: readonly LatLon[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i += 1) sum += distanceM(points[i - 1]!, points[i]!);
  return sum;
}

export interface XY {
  x: number;
  y: number;
}

/**
 * Equirectangular projection around `ref`: metres east (x) and north (y). Within a few kilometres — the scale of a
 * visit — its error is far below a GPS fix's (it is what the API simplifies tracks in, too).
 */
export function localProjection(ref: LatLon): { toXY: (p: LatLon) => XY; toLatLon: (q: XY) => LatLon } {
  const k = Math.cos(ref.lat * RAD);
  const m = RAD * EARTH_RADIUS_M;
  return {
    toXY: (p) => ({ x: (p.lon - ref.lon) * m * k, y: (p.lat - ref.lat) * m }),
    toLatLon: (q) => ({ lat: ref.lat + q.y / m, lon: ref.lon + q.x / (m * k) }),
  };
}

/** The largest "round" length (1, 2 or 5 × 10ⁿ metres) not longer than `maxM`. */
export function niceLength(maxM: number): number {
  if (!(maxM > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(maxM));
  for (const f of [5, 2, 1]) if (f * p <= maxM) return f * p;
  return p;
}

/** The smallest "round" length (1, 2 or 5 × 10ⁿ metres) not shorter than `minM`. */
export function niceCeil(minM: number): number {
  if (!(minM > 0)) return 0;
  const p = 10 ** Math.floor(Math.log10(minM));
  for (const f of [1, 2, 5, 10]) if (f * p >= minM * (1 - 1e-12)) return f * p;
  return 10 * p;
}

/** "850 米" / "1.2 公里" style parts: the number and whether it is in kilometres. */
export function splitDistance(m: number): { value: string; km: boolean } {
  if (m < 1000) return { value: String(Math.round(m)), km: false };
  return { value: m < 10_000 ? (m / 1000).toFixed(1) : String(Math.round(m / 1000)), km: true };
}

/** The eight compass points, 0 = north, clockwise; index for a bearing. */
export function compassIndex(bearing: number): number {
  return Math.round((((bearing % 360) + 360) % 360) / 45) % 8;
}

/**
 * Grid lines every `spacingM` metres within `halfExtentM` of `center`, as [lon, lat] line strings: a frame of
 * reference on the map when there is no basemap (movement and distances stay readable).
 */
export function gridLines(center: LatLon, spacingM: number, halfExtentM: number): [number, number][][] {
  const { toLatLon } = localProjection(center);
  const n = Math.floor(halfExtentM / spacingM);
  const lines: [number, number][][] = [];
  const ll = (x: number, y: number): [number, number] => {
    const p = toLatLon({ x, y });
    return [p.lon, p.lat];
  };
  for (let i = -n; i <= n; i += 1) {
    const c = i * spacingM;
    lines.push([ll(c, -n * spacingM), ll(c, n * spacingM)]);
    lines.push([ll(-n * spacingM, c), ll(n * spacingM, c)]);
  }
  return lines;
}
