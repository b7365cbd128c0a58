import { bearingDeg, geoUri, segmentDistance, simplifyTrack, trackLengthM } from '../../services/tracks/trackGeometry';
import { distanceMeters } from '../../domain/geo';

// Metres → degrees near Xianning (29.85° N) on the sphere domain/geo.ts uses.
const M_PER_DEG_LAT = 111_195.08;
const M_PER_DEG_LON = M_PER_DEG_LAT * Math.cos((29.85 * Math.PI) / 180);
const at = (northM: number, eastM: number, i = 0) => ({ lat: 29.85 + northM / M_PER_DEG_LAT, lon: 114.32 + eastM / M_PER_DEG_LON, i });

test('segment distance is to the segment, not to the infinite line', () => {
  expect(segmentDistance({ x: 5, y: 3 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(3);
  expect(segmentDistance({ x: 13, y: 4 }, { x: 0, y: 0 }, { x: 10, y: 0 })).toBe(5); // beyond b: distance to b
  expect(segmentDistance({ x: 3, y: 4 }, { x: 0, y: 0 }, { x: 0, y: 0 })).toBe(5); // degenerate segment
});

test('Douglas–Peucker drops points within the tolerance and keeps the ends and the corners', () => {
  // a straight 100 m walk north with ±0.5 m jitter, then 50 m east
  const pts = [
    ...Array.from({ length: 51 }, (_, i) => at(i * 2, i % 2 ? 0.5 : -0.5, i)),
    ...Array.from({ length: 25 }, (_, j) => at(100, 2 + j * 2, 51 + j)),
  ];
  const s = simplifyTrack(pts, 2);
  expect(s[0]).toBe(pts[0]);
  expect(s.at(-1)).toBe(pts.at(-1));
  expect(s.map((p) => p.i)).toEqual([0, 50, 75]);
  // with a tolerance below the jitter, the jitter is kept
  expect(simplifyTrack(pts, 0.2).length).toBeGreaterThan(40);
  // every dropped point lies within the tolerance of the simplified line
  const kept = simplifyTrack(pts, 2);
  for (const p of pts) {
    const d = Math.min(...kept.slice(1).map((b, k) => {
      const a = kept[k];
      const xy = (q: typeof p) => ({ x: (q.lon - 114.32) * M_PER_DEG_LON, y: (q.lat - 29.85) * M_PER_DEG_LAT });
      return segmentDistance(xy(p), xy(a), xy(b));
    }));
    expect(d).toBeLessThanOrEqual(2);
  }
});

test('Douglas–Peucker on edge cases: tiny inputs, zero tolerance, a spike, and a long track without recursion', () => {
  expect(simplifyTrack([], 5)).toEqual([]);
  const two = [at(0, 0), at(10, 0)];
  expect(simplifyTrack(two, 5)).toEqual(two);
  const line = [at(0, 0, 0), at(5, 0, 1), at(10, 0, 2)];
  expect(simplifyTrack(line, 0).map((p) => p.i)).toEqual([0, 1, 2]);
  expect(simplifyTrack(line, 1).map((p) => p.i)).toEqual([0, 2]);
  const spike = [at(0, 0, 0), at(5, 0, 1), at(6, 30, 2), at(7, 0, 3), at(12, 0, 4)];
  expect(simplifyTrack(spike, 10).map((p) => p.i)).toEqual([0, 1, 2, 3, 4].filter((i) => i !== 1 && i !== 3));
  const zigzag = Array.from({ length: 2000 }, (_, i) => at(i, i % 2 ? 3 : -3, i));
  expect(simplifyTrack(zigzag, 1)).toHaveLength(2000); // every zig is 6 m off: nothing may go
  expect(simplifyTrack(zigzag, 10).map((p) => p.i)).toEqual([0, 1999]);
  // a day of fixes along a road, noise within the tolerance: two points, in linear time
  const day = Array.from({ length: 200_000 }, (_, i) => at(i * 0.5, Math.sin(i) * 0.5, i));
  expect(simplifyTrack(day, 2).map((p) => p.i)).toEqual([0, 199_999]);
});

test('track length, bearing and the geo: URI', () => {
  expect(trackLengthM([at(0, 0), at(100, 0), at(100, 50)])).toBeCloseTo(150, 0);
  expect(distanceMeters(at(0, 0), at(100, 0))).toBeCloseTo(100, 1);
  expect(Math.round(bearingDeg(at(0, 0), at(100, 0)))).toBe(0);
  expect(Math.round(bearingDeg(at(0, 0), at(0, 100)))).toBe(90);
  expect(Math.round(bearingDeg(at(100, 0), at(0, 0)))).toBe(180);
  expect(Math.round(bearingDeg(at(0, 100), at(0, 0)))).toBe(270);
  expect(geoUri(29.8413, 114.3223, '咸安区金桂农民专业合作社')).toBe(`geo:29.841300,114.322300?q=29.841300,114.322300(${encodeURIComponent('咸安区金桂农民专业合作社')})`);
  expect(geoUri(29.8413, 114.3223)).toBe('geo:29.841300,114.322300');
});
