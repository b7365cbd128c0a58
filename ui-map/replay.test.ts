import { describe, expect, it } from 'vitest';
import { advanceFraction, defaultSpeed, playbackMs, positionAt, positionAtFraction, prepareReplay, REPLAY_SPEEDS, splitDuration } from './replay';
import { destination, distanceM } from './geo';

// A walk due north from a point in Xianning: 0 m at 10:00:00, 100 m at 10:01:40 (1 m/s), a 60 s stop, then 300 m
// east by 10:09:40 (in 420 s).
const start = { lat: 29.8413, lon: 114.3223 };
const p100n = destination(start, 0, 100);
const p300e = destination(p100n, 90, 300);
const track = [
  { ...p300e, at: '2026-03-02T02:09:40Z' }, // out of order on purpose: the API's order is not relied on
  { ...start, at: '2026-03-02T02:00:00Z' },
  { ...p100n, at: '2026-03-02T02:01:40Z' },
  { ...p100n, at: '2026-03-02T02:02:40Z' },
];

describe('prepareReplay', () => {
  it('orders fixes by time and measures length and duration', () => {
    const r = prepareReplay(track)!;
    expect(r.points.map((p) => new Date(p.t).toISOString())).toEqual([
      '2026-03-02T02:00:00.000Z', '2026-03-02T02:01:40.000Z', '2026-03-02T02:02:40.000Z', '2026-03-02T02:09:40.000Z',
    ]);
    expect(r.durationMs).toBe(580_000);
    expect(r.lengthM).toBeCloseTo(400, 0);
  });
  it('drops fixes without a readable time; nothing left is null', () => {
    expect(prepareReplay([{ ...start, at: 'yesterday' }])).toBeNull();
    expect(prepareReplay([])).toBeNull();
    expect(prepareReplay([{ ...start, at: 'x' }, { ...start, at: '2026-03-02T02:00:00Z' }])!.points).toHaveLength(1);
  });
});

describe('positionAt', () => {
  const r = prepareReplay(track)!;
  const t0 = Date.parse('2026-03-02T02:00:00Z');

  it('interpolates linearly in time between two fixes', () => {
    const p = positionAt(r, t0 + 50_000); // half-way through the first 100 s leg
    expect(distanceM(p, destination(start, 0, 50))).toBeLessThan(0.01);
    expect(p.distM).toBeCloseTo(50, 3);
    expect(p.index).toBe(0);
  });
  it('stands still during a stop', () => {
    const a = positionAt(r, t0 + 110_000);
    const b = positionAt(r, t0 + 150_000);
    expect(distanceM(a, p100n)).toBeLessThan(0.001);
    expect(distanceM(b, p100n)).toBeLessThan(0.001);
    expect(b.index).toBe(1);
  });
  it('moves at the leg\'s own speed afterwards', () => {
    const p = positionAt(r, t0 + 160_000 + 210_000); // 210 s into the 420 s eastward leg → 150 m east
    expect(distanceM(p, destination(p100n, 90, 150))).toBeLessThan(0.05);
    expect(p.distM).toBeCloseTo(250, 0);
  });
  it('clamps before the start and after the end', () => {
    expect(positionAt(r, t0 - 5_000)).toMatchObject({ lat: start.lat, lon: start.lon, index: 0, distM: 0 });
    expect(positionAt(r, t0 + 10_000_000)).toMatchObject({ lat: p300e.lat, lon: p300e.lon, index: 3 });
  });
  it('lands exactly on each fix at its time', () => {
    for (const [i, p] of r.points.entries()) {
      const q = positionAt(r, p.t);
      expect(distanceM(q, p)).toBeLessThan(1e-6);
      if (i > 0 && i < r.points.length - 1) expect(q.index).toBe(i);
    }
  });
});

describe('positionAtFraction', () => {
  it('is a fraction of the time span', () => {
    const r = prepareReplay(track)!;
    const half = positionAtFraction(r, 0.5); // 290 s: 130 s of the 420 s eastward leg → 300 · 130/420 m east
    expect(distanceM(half, destination(p100n, 90, (300 * 130) / 420))).toBeLessThan(0.05);
    expect(positionAtFraction(r, -1)).toMatchObject({ index: 0 });
    expect(positionAtFraction(r, 2)).toMatchObject({ index: 3 });
  });
  it('walks by distance when all fixes share one time', () => {
    const same = track.map((p) => ({ ...p, at: '2026-03-02T02:00:00Z' }));
    const r = prepareReplay(same)!;
    expect(r.durationMs).toBe(0);
    const p = positionAtFraction(r, 0.25); // 100 m of the 400 m
    expect(p.distM).toBeCloseTo(r.lengthM / 4, 6);
  });
  it('a single fix stays put', () => {
    const r = prepareReplay([{ ...start, at: '2026-03-02T02:00:00Z' }])!;
    expect(positionAtFraction(r, 0.7)).toMatchObject({ lat: start.lat, lon: start.lon, distM: 0 });
  });
});

describe('durations', () => {
  it('split into hours, minutes, seconds', () => {
    expect(splitDuration(580_000)).toEqual({ h: 0, m: 9, s: 40 });
    expect(splitDuration(3_905_400)).toEqual({ h: 1, m: 5, s: 5 });
  });
  it('playback is a tenth of real time within 8–40 s', () => {
    expect(playbackMs(300_000)).toBe(30_000);
    expect(playbackMs(10_000)).toBe(8_000);
    expect(playbackMs(3_600_000)).toBe(40_000);
  });
});

describe('replay speed', () => {
  it('advances by wall time × speed over the track\'s real duration, stopping at the end', () => {
    const r = { durationMs: 10 * 60_000 };
    expect(advanceFraction(r, 0, 1_000, 60)).toBeCloseTo(0.1, 10); // a second at 60× is a minute of a 10-minute visit
    expect(advanceFraction(r, 0.5, 1_000, 120)).toBeCloseTo(0.7, 10);
    expect(advanceFraction(r, 0.95, 10_000, 60)).toBe(1);
  });

  it('plays a timeless track (all fixes at one moment) in the fixed playback time whatever the speed', () => {
    expect(advanceFraction({ durationMs: 0 }, 0, playbackMs(0) / 2, 300)).toBeCloseTo(0.5, 10);
  });

  it('picks the slowest speed that plays the track within 40 s', () => {
    expect(defaultSpeed(30_000)).toBe(1);
    expect(defaultSpeed(5 * 60_000)).toBe(10);
    expect(defaultSpeed(30 * 60_000)).toBe(60);
    expect(defaultSpeed(10 * 3_600_000)).toBe(REPLAY_SPEEDS[REPLAY_SPEEDS.length - 1]);
  });
});
