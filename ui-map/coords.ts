// Chinese map datums. We store and draw WGS-84 (what GPS gives and 天地图 / CGCS2000 tiles use); Chinese map apps
// want their own systems, so positions are converted only at the hand-off (navigation.ts):
//   GCJ-02 (国测局 / "Mars" coordinates): 高德, 腾讯 — WGS-84 plus a deliberately obfuscating offset of 100–700 m;
//   BD-09 (百度): GCJ-02 with Baidu's further rotation/shift.
// The offset formula is the widely published one (the same in eviltransform, coordtransform and gcoord): a polynomial
// plus sines in (lon − 105, lat − 35), scaled to degrees on the Krasovsky 1940 ellipsoid. Outside China the offset
// is not applied: the usual rectangle test below (it also covers a little of China's neighbours — the published
// implementations accept that, and our users work in China).

export interface LatLon {
  lat: number;
  lon: number;
}

/** Krasovsky 1940 semi-major axis and first eccentricity squared, as the GCJ-02 formula uses them. */
const A = 6378245.0;
const EE = 0.00669342162296594323;
/** BD-09's own constant: π · 3000 / 180. */
const X_PI = (Math.PI * 3000.0) / 180.0;

/** True outside the rectangle in which GCJ-02 applies (lon 72.004–137.8347, lat 0.8293–55.8271). */
export function outOfChina(p: LatLon): boolean {
  return p.lon < 72.004 || p.lon > 137.8347 || p.lat < 0.8293 || p.lat > 55.8271;
}

function offsetLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320.0 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function offsetLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** GCJ-02 minus WGS-84 at a WGS-84 point, in degrees (the offset is a function of the true position). */
function gcjDelta(p: LatLon): LatLon {
  const dLat = offsetLat(p.lon - 105.0, p.lat - 35.0);
  const dLon = offsetLon(p.lon - 105.0, p.lat - 35.0);
  const radLat = (p.lat / 180.0) * Math.PI;
  const s = Math.sin(radLat);
  const magic = 1 - EE * s * s;
  const sqrtMagic = Math.sqrt(magic);
  return {
    lat: (dLat * 180.0) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI),
    lon: (dLon * 180.0) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI),
  };
}

/** WGS-84 → GCJ-02 (高德, 腾讯). Unchanged outside China. */
export function wgs84ToGcj02(p: LatLon): LatLon {
  if (outOfChina(p)) return { lat: p.lat, lon: p.lon };
  const d = gcjDelta(p);
  return { lat: p.lat + d.lat, lon: p.lon + d.lon };
}

/**
 * GCJ-02 → WGS-84. The offset has no closed-form inverse, so iterate w ← w − (gcj(w) − g): the offset changes slowly
 * with position (its derivative is ~1e-5), so each step gains about five digits; 1e-10° (~0.01 mm) is reached in 2–3
 * steps. (The one-step version many libraries ship, g − delta(g), is off by up to a few metres.)
 */
export function gcj02ToWgs84(g: LatLon, maxIterations = 10): LatLon {
  if (outOfChina(g)) return { lat: g.lat, lon: g.lon };
  let w: LatLon = { lat: g.lat, lon: g.lon };
  for (let i = 0; i < maxIterations; i += 1) {
    const d = gcjDelta(w);
    const errLat = w.lat + d.lat - g.lat;
    const errLon = w.lon + d.lon - g.lon;
    w = { lat: w.lat - errLat, lon: w.lon - errLon };
    if (Math.abs(errLat) < 1e-10 && Math.abs(errLon) < 1e-10) break;
  }
  return w;
}

/** GCJ-02 → BD-09 (百度). Unchanged outside China, where the three systems coincide. */
export function gcj02ToBd09(p: LatLon): LatLon {
  if (outOfChina(p)) return { lat: p.lat, lon: p.lon };
  const x = p.lon;
  const y = p.lat;
  const z = Math.sqrt(x * x + y * y) + 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) + 0.000003 * Math.cos(x * X_PI);
  return { lat: z * Math.sin(theta) + 0.006, lon: z * Math.cos(theta) + 0.0065 };
}

/** BD-09 → GCJ-02: Baidu's published approximate inverse (good to about 1e-6°, i.e. decimetres). */
export function bd09ToGcj02(p: LatLon): LatLon {
  if (outOfChina(p)) return { lat: p.lat, lon: p.lon };
  const x = p.lon - 0.0065;
  const y = p.lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * X_PI);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * X_PI);
  return { lat: z * Math.sin(theta), lon: z * Math.cos(theta) };
}

/** WGS-84 → BD-09 (百度): through GCJ-02. */
export function wgs84ToBd09(p: LatLon): LatLon {
  return gcj02ToBd09(wgs84ToGcj02(p));
}
