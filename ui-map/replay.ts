import type { LatLon } from './coords';
import { distanceM } from './geo';

// Track replay (回放轨迹): where the inspector was at a moment of the recorded track. Between two fixes we
// interpolate linearly in time — the honest reading of two timestamps, and what makes the marker's speed on screen
// the walking/driving speed of the visit. Tracks from the API are simplified (Douglas–Peucker keeps shape, not
// timing) but every kept point keeps its own time, so interpolation stays faithful to when the inspector passed.

export interface TimedPoint extends LatLon {
  at: string;
}

export interface Replay {
  /** Points in time order, with epoch milliseconds and the distance walked up to each. */
  points: (LatLon & { t: number; distM: number })[];
  startMs: number;
  endMs: number;
  durationMs: number;
  lengthM: number;
}

export interface ReplayPosition extends LatLon {
  /** Epoch ms of the moment shown. */
  t: number;
  /** Metres along the track up to here. */
  distM: number;
  /** Index of the fix at or before this moment. */
  index: number;
}

/** Orders the fixes by time and drops those without a readable time; null when nothing is left. */
export function prepareReplay(input: readonly TimedPoint[]): Replay | null {
  const pts = input
    .map((p) => ({ lat: p.lat, lon: p.lon, t: Date.parse(p.at) }))
    .filter((p) => Number.isFinite(p.t) && Number.isFinite(p.lat) && Number.isFinite(p.lon))
    .sort((a, b) => a.t - b.t);
  if (pts.length === 0) return null;
  let dist = 0;
  const points = pts.map((p, i) => {
    if (i > 0) dist += distanceM(pts[i - 1]!, p);
    return { ...p, distM: dist };
  });
  const startMs = points[0]!.t;
  const endMs = points[points.length - 1]!.t;
  return { points, startMs, endMs, durationMs: endMs - startMs, lengthM: dist };
}

function lerp(a: number, b: number, f: number): number {
  return a + (b - a) * f;
}

/** Where the track was at epoch time `t` (clamped to the track's span). */
export function positionAt(r: Replay, t: number): ReplayPosition {
  const pts = r.points;
  if (t <= r.startMs || pts.length === 1) return { ...pick(pts[0]!), index: 0 };
  if (t >= r.endMs) return { ...pick(pts[pts.length - 1]!), index: pts.length - 1 };
  // Binary search for the last fix at or before t.
  let lo = 0;
  let hi = pts.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (pts[mid]!.t <= t) lo = mid;
    else hi = mid;
  }
  const a = pts[lo]!;
  const b = pts[hi]!;
  const f = b.t === a.t ? 1 : (t - a.t) / (b.t - a.t);
  return { lat: lerp(a.lat, b.lat, f), lon: lerp(a.lon, b.lon, f), t, distM: lerp(a.distM, b.distM, f), index: lo };
}

/**
 * The position at a fraction 0…1 of the replay. By time; a track whose fixes all carry the same time (nothing to
 * go by) is walked by distance instead.
 */
export function positionAtFraction(r: Replay, fraction: number): ReplayPosition {
  const f = Math.min(1, Math.max(0, fraction));
  if (r.durationMs > 0) return positionAt(r, r.startMs + f * r.durationMs);
  const pts = r.points;
  const target = f * r.lengthM;
  let i = 0;
  while (i < pts.length - 2 && pts[i + 1]!.distM < target) i += 1;
  const a = pts[i]!;
  const b = pts[Math.min(i + 1, pts.length - 1)]!;
  const g = b.distM === a.distM ? 0 : (target - a.distM) / (b.distM - a.distM);
  return { lat: lerp(a.lat, b.lat, g), lon: lerp(a.lon, b.lon, g), t: a.t, distM: lerp(a.distM, b.distM, g), index: i };
}

function pick(p: LatLon & { t: number; distM: number }): Omit<ReplayPosition, 'index'> {
  return { lat: p.lat, lon: p.lon, t: p.t, distM: p.distM };
}

/** "1 小时 5 分" / "12 分 30 秒" / "45 秒" parts: hours, minutes, seconds of a duration. */
export function splitDuration(ms: number): { h: number; m: number; s: number } {
  const total = Math.max(0, Math.round(ms / 1000));
  return { h: Math.floor(total / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}

/**
 * How long the animation of a whole track takes on screen: a tenth of real time (a 5-minute approach plays in 30 s),
 * at least 8 s so short tracks can be followed, at most 40 s so long ones do not bore.
 */
export function playbackMs(durationMs: number): number {
  return Math.min(40_000, Math.max(8_000, durationMs / 10));
}

/** Replay speeds offered, as multiples of real time (60×: a minute of the visit plays in a second). */
export const REPLAY_SPEEDS = [1, 10, 30, 60, 120, 300] as const;

/** The slowest offered speed that plays the whole track within 40 s (the fastest when none does). */
export function defaultSpeed(durationMs: number): number {
  return REPLAY_SPEEDS.find((s) => durationMs / s <= 40_000) ?? REPLAY_SPEEDS[REPLAY_SPEEDS.length - 1]!;
}

/**
 * The replay's fraction after `elapsedMs` of wall time at `speed` × real time, stopping at 1. A track whose fixes all
 * carry one time has no real time to go by: it plays in playbackMs(0), whatever the speed.
 */
export function advanceFraction(r: Pick<Replay, 'durationMs'>, fraction: number, elapsedMs: number, speed: number): number {
  const step = r.durationMs > 0 ? (elapsedMs * speed) / r.durationMs : elapsedMs / playbackMs(0);
  return Math.min(1, Math.max(0, fraction + step));
}
