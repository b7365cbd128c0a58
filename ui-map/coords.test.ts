import { describe, expect, it } from 'vitest';
import { bd09ToGcj02, gcj02ToBd09, gcj02ToWgs84, outOfChina, wgs84ToBd09, wgs84ToGcj02, type LatLon } from './coords';
import { distanceM } from './geo';

// Published coordinate pairs from the test suites and documented examples of three independent open-source
// implementations, with the tolerances those sources use. Each pair names its source.

/** |a − b| below `tol` degrees in both axes. */
function expectNear(got: LatLon, want: LatLon, tolDeg: number) {
  expect(Math.abs(got.lat - want.lat), `lat ${got.lat} vs ${want.lat}`).toBeLessThan(tolDeg);
  expect(Math.abs(got.lon - want.lon), `lon ${got.lon} vs ${want.lon}`).toBeLessThan(tolDeg);
}

// googollee/eviltransform — python/test.py, go/transform_test.go and javascript/test.js (the same table in each):
//   wgsLat, wgsLng, gcjLat, gcjLng. wgs2gcj is asserted to 6 decimal places (assertAlmostEqual(…, 6): |Δ| < 5e-7°,
//   about 5 cm); gcj2wgs_exact to within 0.5 m.
const EVILTRANSFORM: [string, number, number, number, number][] = [
  ['Shanghai', 31.1774276, 121.5272106, 31.17530398364597, 121.531541859215],
  ['Shenzhen', 22.543847, 113.912316, 22.540796131694766, 113.9171764808363],
  ['Beijing', 39.911954, 116.377817, 39.91334545536069, 116.38404722455657],
];

describe('WGS-84 → GCJ-02', () => {
  it.each(EVILTRANSFORM)('matches eviltransform (%s) to 6 decimals', (_city, wLat, wLon, gLat, gLon) => {
    expectNear(wgs84ToGcj02({ lat: wLat, lon: wLon }), { lat: gLat, lon: gLon }, 5e-7);
  });

  it('matches coordtransform (wandergis/coordtransform, test/app.js: wgs84togcj02(116.404, 39.915))', () => {
    // The file prints the result: [ 116.41024449916938, 39.91640428150164 ] (lng, lat); compared to 1e-9°.
    expectNear(wgs84ToGcj02({ lat: 39.915, lon: 116.404 }), { lat: 39.91640428150164, lon: 116.41024449916938 }, 1e-9);
  });

  it('matches gcoord (hujiulong/gcoord, test/unit/crs/WGS84.spec.ts: WGS84 to GCJ02 [123, 45])', () => {
    // Asserted there with toBeCloseTo(…, 5): |Δ| < 5e-6°.
    expectNear(wgs84ToGcj02({ lat: 45, lon: 123 }), { lat: 45.00197815, lon: 123.00607541 }, 5e-6);
  });

  it('moves a point in Hubei by the hundreds of metres the offset is known for', () => {
    const xianning = { lat: 29.8413, lon: 114.3223 };
    const d = distanceM(xianning, wgs84ToGcj02(xianning));
    expect(d).toBeGreaterThan(100);
    expect(d).toBeLessThan(700);
  });
});

describe('GCJ-02 → WGS-84 (iterative)', () => {
  it.each(EVILTRANSFORM)('recovers eviltransform\'s WGS-84 point (%s) within its 0.5 m — in fact within 1 cm', (_city, wLat, wLon, gLat, gLon) => {
    const w = gcj02ToWgs84({ lat: gLat, lon: gLon });
    const d = distanceM(w, { lat: wLat, lon: wLon });
    expect(d).toBeLessThan(0.5);
    expect(d).toBeLessThan(0.01);
  });

  it('matches gcoord (test/unit/crs/GCJ02.spec.ts: GCJ02 to WGS84 [123, 45]) to its 5 decimals', () => {
    expectNear(gcj02ToWgs84({ lat: 45, lon: 123 }), { lat: 44.99804071, lon: 122.99395597 }, 5e-6);
  });

  it('is the inverse of the forward offset everywhere in China, to a millimetre', () => {
    let worst = 0;
    for (let lat = 18; lat <= 53; lat += 0.7) {
      for (let lon = 74; lon <= 134; lon += 0.9) {
        const w = { lat, lon };
        worst = Math.max(worst, distanceM(w, gcj02ToWgs84(wgs84ToGcj02(w))));
      }
    }
    expect(worst).toBeLessThan(0.001);
  });

  it('beats the one-step approximation (g − offset(g)), which is 0.8 m off here (up to ~4 m elsewhere in China)', () => {
    const [, wLat, wLon, gLat, gLon] = EVILTRANSFORM[2]!;
    const g = { lat: gLat, lon: gLon };
    const oneStep = { lat: 2 * g.lat - wgs84ToGcj02(g).lat, lon: 2 * g.lon - wgs84ToGcj02(g).lon };
    const truth = { lat: wLat, lon: wLon };
    expect(distanceM(oneStep, truth)).toBeGreaterThan(0.5);
    expect(distanceM(gcj02ToWgs84(g), truth)).toBeLessThan(distanceM(oneStep, truth) / 10);
  });
});

describe('BD-09', () => {
  it('GCJ-02 → BD-09 matches coordtransform (test/app.js: gcj02tobd09(116.404, 39.915))', () => {
    // Printed result: [ 116.41036949371029, 39.92133699351021 ].
    expectNear(gcj02ToBd09({ lat: 39.915, lon: 116.404 }), { lat: 39.92133699351021, lon: 116.41036949371029 }, 1e-9);
  });

  it('BD-09 → GCJ-02 matches coordtransform (test/app.js: bd09togcj02(116.404, 39.915))', () => {
    // Printed result: [ 116.39762729119315, 39.90865673957631 ].
    expectNear(bd09ToGcj02({ lat: 39.915, lon: 116.404 }), { lat: 39.90865673957631, lon: 116.39762729119315 }, 1e-9);
  });

  it('matches gcoord (GCJ02.spec.ts GCJ02 to BD09, BD09.spec.ts BD09 to GCJ02, WGS84.spec.ts WGS84 to BD09; [123, 45])', () => {
    expectNear(gcj02ToBd09({ lat: 45, lon: 123 }), { lat: 45.00636899, lon: 123.00636499 }, 5e-6);
    expectNear(bd09ToGcj02({ lat: 45, lon: 123 }), { lat: 44.9936543, lon: 122.99363304 }, 5e-6);
    expectNear(wgs84ToBd09({ lat: 45, lon: 123 }), { lat: 45.0083293, lon: 123.0124491 }, 5e-6);
  });

  it('WGS-84 → BD-09 is GCJ-02 then BD-09, and Baidu\'s approximate inverse comes back within decimetres', () => {
    const p = { lat: 29.8413, lon: 114.3223 };
    expect(wgs84ToBd09(p)).toEqual(gcj02ToBd09(wgs84ToGcj02(p)));
    let worst = 0;
    for (let lat = 18; lat <= 53; lat += 0.7) {
      for (let lon = 74; lon <= 134; lon += 0.9) {
        const g = { lat, lon };
        worst = Math.max(worst, distanceM(g, bd09ToGcj02(gcj02ToBd09(g))));
      }
    }
    expect(worst).toBeLessThan(0.5);
  });
});

describe('outside China', () => {
  const outside: [string, LatLon][] = [
    ['London', { lat: 51.5007, lon: -0.1246 }],
    ['Tokyo (east of 137.8347°)', { lat: 35.6812, lon: 139.7671 }],
    ['Singapore (south of 0.8293°)', { lat: 0.5, lon: 103.8 }],
    ['lon 183 (gcoord\'s "not in China" case)', { lat: 45, lon: 183 }],
  ];
  it.each(outside)('%s is left unchanged by every conversion', (_name, p) => {
    expect(outOfChina(p)).toBe(true);
    expect(wgs84ToGcj02(p)).toEqual(p);
    expect(gcj02ToWgs84(p)).toEqual(p);
    expect(gcj02ToBd09(p)).toEqual(p);
    expect(bd09ToGcj02(p)).toEqual(p);
    expect(wgs84ToBd09(p)).toEqual(p);
  });

  it('the rectangle\'s edges: 72.004–137.8347 E, 0.8293–55.8271 N', () => {
    expect(outOfChina({ lat: 30, lon: 72.004 })).toBe(false);
    expect(outOfChina({ lat: 30, lon: 72.003 })).toBe(true);
    expect(outOfChina({ lat: 55.8271, lon: 120 })).toBe(false);
    expect(outOfChina({ lat: 55.8272, lon: 120 })).toBe(true);
  });
});
