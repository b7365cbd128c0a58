import { distanceMeters } from '../../domain/geo';

// Track simplification for drawing a replay: Douglas–Peucker on a local metric projection.

export interface LatLon {
  lat: number;
  lon: number;
}

const EARTH_RADIUS_M = 6_371_008.8;

/** Equirectangular projection around a reference point: metres east (x) and north (y); exact enough within tens of km. */
function projector(ref: LatLon) {
  const k = Math.cos((ref.lat * Math.PI) / 180);
  return (p: LatLon) => ({ x: ((p.lon - ref.lon) * Math.PI / 180) * EARTH_RADIUS_M * k, y: ((p.lat - ref.lat) * Math.PI / 180) * EARTH_RADIUS_M });
}

/** Distance from p to the segment a–b (not the infinite line), in the projection's units. */
export function segmentDistance(p: { x: number; y: number }, a: { x: number; y: number }, b: { x: number; y: number }): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / len2));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/**
 * Douglas–Peucker: keeps the first and last point and every point farther than `toleranceM` from the simplified
 * line; returns the kept points in their order (same objects). Iterative, so long tracks cannot overflow the stack.
 */
export function simplifyTrack<T extends LatLon>(points: readonly T[], toleranceM: number): T[] {
  if (points.length <= 2 || toleranceM <= 0) return [...points];
  const project = projector(points[0]);
  const xy = points.map(project);
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [first, last] = stack.pop()!;
    let maxD = -1;
    let index = -1;
    for (let i = first + 1; i < last; i += 1) {
      const d = segmentDistance(xy[i], xy[first], xy[last]);
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index >= 0 && maxD > toleranceM) {
      keep[index] = 1;
      stack.push([first, index], [index, last]);
    }
  }
  return points.filter((_, i) => keep[i] === 1);
}

/** Length of a polyline in metres (great-circle legs). */
export function trackLengthM(points: readonly LatLon[]): number {
  let sum = 0;
  for (let i = 1; i < points.length; i += 1) sum += distanceMeters(points[i - 1], points[i]);
  return sum;
}

/** A geo: URI (RFC 5870) a phone's map app opens, with the place's name as the label. */
export function geoUri(lat: number, lon: number, label?: string): string {
  const ll = `${lat.toFixed(6)},${lon.toFixed(6)}`;
  return label ? `geo:${ll}?q=${ll}(${encodeURIComponent(label)})` : `geo:${ll}`;
}

/** Initial bearing from a to b in degrees (0 = north, clockwise). */
export function bearingDeg(a: LatLon, b: LatLon): number {
  const r = Math.PI / 180;
  const y = Math.sin((b.lon - a.lon) * r) * Math.cos(b.lat * r);
  const x = Math.cos(a.lat * r) * Math.sin(b.lat * r) - Math.sin(a.lat * r) * Math.cos(b.lat * r) * Math.cos((b.lon - a.lon) * r);
  return ((Math.atan2(y, x) / r) + 360) % 360;
}
