import type { CheckInRecord } from '../../domain/caseStateSchemas';
import { distanceMeters } from '../../domain/geo';
import type { PresenceEvidence, PresenceInput, TrackPoint } from '../../domain/presence';

// Honest field visits as a phone records them, seeded so a failing case can be replayed: the unit tests of
// domain/presence.ts and `npm run eval:presence` (bench/evalPresence.ts) use the same generator.

/** mulberry32: a small seeded PRNG (uniform in [0, 1)). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Normal deviate (Box–Muller). */
export function gauss(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

const M_PER_DEG_LAT = 111_320;
/** The point `north`/`east` metres from `o`. */
export function offset(o: { lat: number; lon: number }, north: number, east: number): { lat: number; lon: number } {
  return { lat: o.lat + north / M_PER_DEG_LAT, lon: o.lon + east / (M_PER_DEG_LAT * Math.cos((o.lat * Math.PI) / 180)) };
}
const r7 = (x: number) => Math.round(x * 1e7) / 1e7;

export interface HonestTrackOptions {
  /** Where the journey starts, metres from the customer (default: 1.5–5 km at random). */
  startM?: number;
  /** Fix times end here (the check-in's device time). */
  end: number;
  /** Add a single multipath spike now and then (a real phone does). */
  spikes?: boolean;
}

/**
 * A journey to the customer: a drive along a winding road at 25–50 km/h, then a walk of 100–400 m at about 1.2 m/s, one
 * fix every 5–30 s with an accuracy of 5–30 m and the position off by about that much (σ = accuracy / 2 per axis), the
 * phone now and then asleep for one to three minutes, and one fix in fifty wild (multipath, up to 300 m off while
 * claiming its usual accuracy) and straight back.
 */
export function honestTrack(r: () => number, target: { lat: number; lon: number }, o: HonestTrackOptions): TrackPoint[] {
  const startM = o.startM ?? 1500 + r() * 3500;
  const bearing = r() * 2 * Math.PI;
  const walkM = Math.min(100 + r() * 300, startM * 0.6);
  const driveKmh = 25 + r() * 25;
  // the route: from start to target with a sideways bend (roads are not straight), parameterised by distance left
  const bend = (r() - 0.5) * 0.6 * startM;
  const along = (left: number) => {
    const f = left / startM; // 1 at the start, 0 at the customer
    const side = bend * Math.sin(Math.PI * f) + 20 * Math.sin(left / 150);
    return offset(target, left * Math.cos(bearing) - side * Math.sin(bearing), left * Math.sin(bearing) + side * Math.cos(bearing));
  };
  // walk backwards in time from the end: the last fixes are at the customer's door
  const points: TrackPoint[] = [];
  let t = o.end - r() * 20_000;
  let left = 5 + r() * 25;
  while (left < startM) {
    const acc = Math.round(5 + r() * 25);
    const sigma = acc / 2;
    let p = offset(along(left), gauss(r) * sigma, gauss(r) * sigma);
    if (o.spikes && r() < 0.02) p = offset(p, (r() - 0.5) * 600, (r() - 0.5) * 600); // multipath: one wild fix
    points.push({ at: new Date(t).toISOString(), lat: r7(p.lat), lon: r7(p.lon), accuracyM: acc });
    const dt = r() < 0.03 ? 60 + r() * 120 : 5 + r() * 25; // seconds to the previous fix (asleep now and then)
    const speed = left < walkM ? 1.0 + r() * 0.5 : (driveKmh / 3.6) * (0.6 + r() * 0.6);
    left += speed * dt;
    t -= dt * 1000;
  }
  return points.reverse();
}

export interface HonestVisit {
  input: PresenceInput;
  acceptedAt: number;
  checkInAt: number;
}

/**
 * A whole honest visit for assessPresence: accepted, journey of 10–60 min (the track starting up to 10 min before the
 * acceptance, as a terminal does with an offered case), a check-in at the door (clock off by a few seconds), 2–4 photos
 * in the next half hour with their EXIF time, findings within the hour.
 */
export function honestVisit(seed: number, opts: { radiusM?: number; minPhotos?: number; spikes?: boolean } = {}): HonestVisit {
  const r = rng(seed);
  const customer = { lat: 29.5 + r(), lon: 113.8 + r() };
  const radiusM = opts.radiusM ?? 200;
  const acceptedAt = Date.parse('2026-03-02T01:00:00Z') + Math.floor(r() * 86_400_000);
  const checkInAt = acceptedAt + (10 + r() * 50) * 60_000;
  const track = honestTrack(r, customer, { end: checkInAt - 5_000, spikes: opts.spikes ?? true }).filter((p) => Date.parse(p.at) >= acceptedAt - 10 * 60_000);
  const acc = Math.round(5 + r() * 25);
  // the customer's GIS point is the building; the meter box is a few tens of metres from it
  const spot = offset(customer, gauss(r) * 25, gauss(r) * 25);
  const skewS = Math.round(gauss(r) * 5);
  const distanceM = Math.round(distanceMeters(spot, customer));
  const checkIn: CheckInRecord = {
    lat: spot.lat, lon: spot.lon, accuracyM: acc, deviceTime: new Date(checkInAt + skewS * 1000).toISOString(), at: new Date(checkInAt).toISOString(),
    distanceM, insideGeofence: distanceM + acc <= radiusM && Math.abs(skewS) <= 300, clockSkewS: skewS, signals: { source: 'gps' },
  };
  const photos = 2 + Math.floor(r() * 3);
  const evidence: PresenceEvidence[] = Array.from({ length: photos }, (_, k) => {
    const at = checkInAt + (1 + r() * 30) * 60_000;
    const iso = new Date(at).toISOString();
    return { evidenceId: `ev-${seed}-${k}`, kind: 'photo', sha256: `${seed}-${k}`, capturedAt: iso, lat: spot.lat, lon: spot.lon, verified: true, forensicReasons: [], exifTakenAt: iso };
  });
  const now = checkInAt + (35 + r() * 30) * 60_000;
  return {
    acceptedAt,
    checkInAt,
    input: {
      now: new Date(now).toISOString(), customer, policy: { geofenceRadiusM: radiusM, minVerifiedPhotos: opts.minPhotos ?? 2, clockToleranceS: 300 },
      checkIns: [checkIn], evidence, track, acceptedAt: new Date(acceptedAt).toISOString(), returnedAt: null,
    },
  };
}
