import fc from 'fast-check';
import { assessPresence, bestCheckIn, spearman, SPARSE_MIN_POINTS, TRACK_LEAD_S, type PresenceInput, type TrackPoint } from '../../domain/presence';
import { reason, type PresenceReasonCode } from '../../domain/presenceReasons';
import { honestVisit, offset } from '../support/presenceVisits';

// domain/presence.ts: each reason fires on its pattern, and not on honest visits with GPS noise, sleeping phones and
// multipath spikes (tests/support/presenceVisits.ts, the same generator `npm run eval:presence` uses).

const codes = (i: PresenceInput) => assessPresence(i).reasons.map((r) => r.code);
const iso = (t: number) => new Date(t).toISOString();
const shift = (p: TrackPoint, north: number, east: number): TrackPoint => ({ ...p, ...offset(p, north, east) });

describe('honest visits', () => {
  test('400 seeded honest visits: none is weak, none has a strong reason, and the verdict counts what it looked at', () => {
    for (let seed = 1; seed <= 400; seed += 1) {
      const v = honestVisit(seed);
      const verdict = assessPresence(v.input);
      if (verdict.weak) throw new Error(`honest visit ${seed} judged weak: ${JSON.stringify(verdict.reasons)}`);
      expect(verdict.reasons.filter((r) => r.severity !== 'minor')).toEqual([]);
      expect(verdict.basis).toEqual({ checkIns: 1, trackPoints: expect.any(Number), photos: v.input.evidence.length, verifiedPhotos: v.input.evidence.length });
      expect(verdict.basis.trackPoints).toBeGreaterThan(0);
    }
  }, 60_000);

  test('over 2,000 more honest visits at most 1 is judged weak (a phone asleep for most of the way)', () => {
    // Measured: 5 in 20,000 seeds, each a track whose phone slept through the drive and woke 150–450 m from the door,
    // then closed in by less than the geofence radius. Such a visit needs a justification; it is not silently failed.
    let weak = 0;
    for (let seed = 10_001; seed <= 12_000; seed += 1) if (assessPresence(honestVisit(seed).input).weak) weak += 1;
    expect(weak).toBeLessThanOrEqual(1);
  }, 60_000);

  test('an honest visit has full confidence unless something is said against it', () => {
    const v = honestVisit(7);
    const verdict = assessPresence(v.input);
    expect(verdict).toMatchObject({ confidence: 1, weak: false, reasons: [], computedAt: v.input.now });
  });
});

describe('check-ins', () => {
  const v = () => honestVisit(11);

  test('no check-in: checkin.none', () => {
    expect(codes({ ...v().input, checkIns: [] })).toContain('checkin.none');
  });

  test('a check-in 812 m away: checkin.outside with the distance and the radius', () => {
    const i = v().input;
    const verdict = assessPresence({ ...i, checkIns: [{ ...i.checkIns[0], distanceM: 812, accuracyM: 10, insideGeofence: false }] });
    expect(verdict.weak).toBe(true);
    expect(verdict.reasons).toContainEqual(reason('checkin.outside', { distanceM: 812, radiusM: 200 }));
  });

  test('accuracy 3000 m at 0 m: checkin.imprecise, not inside', () => {
    const i = v().input;
    const verdict = assessPresence({ ...i, checkIns: [{ ...i.checkIns[0], distanceM: 0, accuracyM: 3000, insideGeofence: false }] });
    expect(verdict.reasons).toContainEqual(reason('checkin.imprecise', { accuracyM: 3000, distanceM: 0, radiusM: 200 }));
    expect(verdict.weak).toBe(true);
  });

  test('property: a check-in whose circle of uncertainty leaves the fence is imprecise; one that fits is not', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 199 }), fc.integer({ min: 0, max: 5000 }), (distanceM, accuracyM) => {
      const i = v().input;
      const got = codes({ ...i, checkIns: [{ ...i.checkIns[0], distanceM, accuracyM }] });
      expect(got.includes('checkin.imprecise')).toBe(distanceM + accuracyM > 200);
      expect(got).not.toContain('checkin.outside');
    }));
  });

  test('property: a device clock off by more than the tolerance is checkin.clock-skew, within it is not', () => {
    fc.assert(fc.property(fc.integer({ min: -86_400, max: 86_400 }), (skewS) => {
      const i = v().input;
      const got = codes({ ...i, checkIns: [{ ...i.checkIns[0], clockSkewS: skewS }] });
      expect(got.includes('checkin.clock-skew')).toBe(Math.abs(skewS) > 300);
    }));
  });

  test('a mock-location provider reported at any check-in: checkin.mock-location', () => {
    const i = v().input;
    const second = { ...i.checkIns[0], signals: { source: 'gps' as const, mockLocation: true } };
    expect(codes({ ...i, checkIns: [i.checkIns[0], second] })).toContain('checkin.mock-location');
    expect(codes(i)).not.toContain('checkin.mock-location');
  });

  test('the best check-in speaks for the visit: one inside beats a closer one with a skewed clock', () => {
    const i = v().input;
    const inside = { ...i.checkIns[0], distanceM: 50, accuracyM: 20, clockSkewS: 2 };
    const skewed = { ...i.checkIns[0], distanceM: 5, accuracyM: 5, clockSkewS: 4000 };
    expect(bestCheckIn([skewed, inside], 200, 300)).toBe(inside);
    expect(codes({ ...i, checkIns: [skewed, inside] })).not.toContain('checkin.clock-skew');
    const far = { ...i.checkIns[0], distanceM: 900, accuracyM: 10 };
    const wide = { ...i.checkIns[0], distanceM: 150, accuracyM: 400 };
    expect(bestCheckIn([far, wide], 200, 300)).toBe(wide); // 550 m reach beats 910 m
  });

  test('a customer without a location: no distance reasons (the workflow asks for a justification of the shortfall)', () => {
    const i = v().input;
    const got = codes({ ...i, customer: { lat: null, lon: null }, checkIns: [{ ...i.checkIns[0], distanceM: null, insideGeofence: false }] });
    expect(got).not.toContain('checkin.outside');
    expect(got).not.toContain('track.no-approach');
  });
});

describe('GPS track', () => {
  test('no points in the visit: track.none', () => {
    const i = honestVisit(21).input;
    expect(codes({ ...i, track: [] })).toContain('track.none');
  });

  test('points of an earlier trip (more than an hour before the acceptance) do not count', () => {
    const i = honestVisit(22).input;
    const old = i.track.map((p) => ({ ...p, at: iso(Date.parse(i.acceptedAt!) - (TRACK_LEAD_S + 600) * 1000) }));
    expect(codes({ ...i, track: old })).toContain('track.none');
  });

  test('after a supervisor returned the visit, the earlier visit\'s track does not count for the new one', () => {
    const i = honestVisit(23).input;
    const returnedAt = iso(Date.parse(i.track.at(-1)!.at) + 60_000);
    expect(codes({ ...i, returnedAt })).toContain('track.none');
  });

  test('fewer than the minimum of points in the half hour before the check-in: track.sparse (minor)', () => {
    const i = honestVisit(24).input;
    const ci = Date.parse(i.checkIns[0].deviceTime);
    const few = i.track.filter((p) => Date.parse(p.at) < ci - 1800_000).concat(i.track.filter((p) => Date.parse(p.at) >= ci - 1800_000).slice(-(SPARSE_MIN_POINTS - 2)));
    const verdict = assessPresence({ ...i, track: few });
    expect(verdict.reasons.find((r) => r.code === 'track.sparse')).toMatchObject({ severity: 'minor', params: { points: SPARSE_MIN_POINTS - 2, required: SPARSE_MIN_POINTS } });
  });

  test('property: a made-up track that sits at the customer does not approach it', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 5, max: 80 }), (seed, n) => {
      const i = honestVisit(seed).input;
      const ci = Date.parse(i.checkIns[0].deviceTime);
      const still: TrackPoint[] = Array.from({ length: n }, (_, k) => ({ ...offset(i.customer as { lat: number; lon: number }, (k % 5) * 4, (k % 3) * 4), at: iso(ci - (n - k) * 15_000), accuracyM: 8 }));
      expect(codes({ ...i, track: still })).toContain('track.no-approach');
    }));
  });

  test('a track that stays at a desk 3 km away while the check-in claims the door: track.no-approach', () => {
    const i = honestVisit(25).input;
    const desk = i.track.map((p, k) => ({ ...offset(i.customer as { lat: number; lon: number }, 3000 + (k % 4) * 5, 0), at: p.at, accuracyM: 10 }));
    const verdict = assessPresence({ ...i, track: desk });
    expect(verdict.reasons.find((r) => r.code === 'track.no-approach')?.params).toMatchObject({ closestM: expect.any(Number), startM: expect.any(Number) });
    expect(verdict.reasons.find((r) => r.code === 'track.no-approach')!.params.closestM).toBeGreaterThan(2900);
  });

  test('a short walk that steadily closes in (a neighbouring customer) is an approach', () => {
    const i = honestVisit(26).input;
    const ci = Date.parse(i.checkIns[0].deviceTime);
    const walk: TrackPoint[] = Array.from({ length: 20 }, (_, k) => ({ ...offset(i.customer as { lat: number; lon: number }, 350 - k * 18, (k % 3) * 6), at: iso(ci - (20 - k) * 15_000), accuracyM: 12 }));
    expect(codes({ ...i, track: walk })).not.toContain('track.no-approach');
  });

  test('property: a teleport (the first part of an honest track moved 10–100 km away, at least two fixes each side) is track.jump', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 10_000 }), fc.double({ min: 0.2, max: 0.8, noNaN: true }), fc.integer({ min: 10_000, max: 100_000 }), fc.double({ min: 0, max: 2 * Math.PI, noNaN: true }), (seed, split, km, dir) => {
      const i = honestVisit(seed).input;
      const cut = Math.min(Math.max(2, Math.floor(i.track.length * split)), i.track.length - 2);
      fc.pre(i.track.length >= 4);
      const track = i.track.map((p, k) => (k < cut ? shift(p, km * Math.cos(dir), km * Math.sin(dir)) : p));
      const verdict = assessPresence({ ...i, track });
      expect(verdict.reasons.map((r) => r.code)).toContain('track.jump');
      expect(verdict.weak).toBe(true);
      // seeded so `npm test` is repeatable; 10 × 2,000 runs on other seeds found no counterexample (2026-12-04)
    }), { numRuns: 200, seed: 20261204 });
  });

  test('a teleport carried by the first fixes is a jump, not two wild fixes (found by the property: seed 8120)', () => {
    // The first two fixes moved 10 km, 178 s before the third: the second agreed with the first, yet was dropped as a
    // wild fix because the first and the third were far enough apart in time to look consistent.
    const i = honestVisit(8120).input;
    const cut = Math.max(2, Math.floor(i.track.length * 0.2));
    const track = i.track.map((p, k) => (k < cut ? shift(p, 10_000, 0) : p));
    expect(codes({ ...i, track })).toContain('track.jump');
  });

  test('a single wild fix that comes straight back is not a jump; the jump names distance, time and speed', () => {
    const i = honestVisit(27, { spikes: false }).input;
    const k = Math.floor(i.track.length / 2);
    const spiked = i.track.map((p, j) => (j === k ? shift(p, 800, 0) : p));
    expect(codes({ ...i, track: spiked })).not.toContain('track.jump');
    // three fixes at one place, then three 5 km away 20 s later, the track staying there: a jump
    const t0 = Date.parse(i.checkIns[0].deviceTime) - 600_000;
    const here = i.track[0];
    const jump = [0, 10, 20].map((s) => ({ ...here, at: iso(t0 + s * 1000), accuracyM: 10 }))
      .concat([40, 50, 60].map((s) => ({ ...shift(here, 5000, 0), at: iso(t0 + s * 1000), accuracyM: 10 })));
    const r = assessPresence({ ...i, track: jump }).reasons.find((x) => x.code === 'track.jump');
    expect(r?.params).toMatchObject({ seconds: 20, distanceM: expect.any(Number), speedKmh: expect.any(Number) });
    expect(Number(r!.params.speedKmh)).toBeGreaterThan(800);
  });

  test('fixes claiming a huge accuracy neither excuse a jump nor make an approach', () => {
    const i = honestVisit(28).input;
    const ci = Date.parse(i.checkIns[0].deviceTime);
    // a "track" of cell-tower fixes around the customer, claimed 2 km accurate: it proves nothing
    const coarse: TrackPoint[] = Array.from({ length: 30 }, (_, k) => ({ ...offset(i.customer as { lat: number; lon: number }, k % 2 ? 3000 : 0, 0), at: iso(ci - (30 - k) * 10_000), accuracyM: 2000 }));
    const got = codes({ ...i, track: coarse });
    expect(got).toContain('track.no-approach');
    expect(got).not.toContain('track.jump');
  });

  test('spearman: monotone sequences give ±1, a constant gives 0', () => {
    expect(spearman([1, 2, 3, 4], [10, 20, 30, 40])).toBeCloseTo(1);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1);
    expect(spearman([1, 2, 3], [5, 5, 5])).toBe(0);
  });
});

describe('evidence', () => {
  test('fewer clean photos than the policy asks: photos.too-few with the counts', () => {
    const i = honestVisit(31).input;
    const verdict = assessPresence({ ...i, evidence: i.evidence.slice(0, 1) });
    expect(verdict.reasons).toContainEqual(reason('photos.too-few', { verified: 1, required: 2 }));
  });

  test('the same photo uploaded twice counts once', () => {
    const i = honestVisit(32).input;
    const one = i.evidence[0];
    expect(codes({ ...i, evidence: [one, { ...one, evidenceId: 'again' }] })).toContain('photos.too-few');
  });

  test('forensic reasons are passed through with their evidence id, and a photo with any reason (even minor) does not count', () => {
    const i = honestVisit(33).input;
    const evidence = i.evidence.slice(0, 2).map((e, k) => (k === 0 ? { ...e, forensicReasons: [reason('evidence.exif-missing')] } : e));
    const verdict = assessPresence({ ...i, evidence });
    expect(verdict.reasons).toContainEqual({ ...reason('evidence.exif-missing'), evidenceId: evidence[0].evidenceId });
    expect(verdict.reasons).toContainEqual(reason('photos.too-few', { verified: 1, required: 2 }));
    expect(verdict.basis).toMatchObject({ photos: 2, verifiedPhotos: 1 });
    expect(verdict.weak).toBe(true);
  });

  test('a photo not verified by the server does not count', () => {
    const i = honestVisit(34).input;
    expect(codes({ ...i, evidence: i.evidence.slice(0, 2).map((e, k) => ({ ...e, verified: k !== 0 })) })).toContain('photos.too-few');
  });

  test('EXIF time a year before: evidence.captured-outside-visit, the EXIF time winning over the declared one', () => {
    const i = honestVisit(35).input;
    const stale = iso(Date.parse(i.checkIns[0].at) - 365 * 86_400_000);
    const evidence = i.evidence.map((e, k) => (k === 0 ? { ...e, exifTakenAt: stale } : e));
    const r = assessPresence({ ...i, evidence }).reasons.find((x) => x.code === 'evidence.captured-outside-visit');
    expect(r).toMatchObject({ evidenceId: evidence[0].evidenceId, params: { capturedAt: stale, hours: expect.any(Number) } });
    expect(Number(r!.params.hours)).toBeGreaterThan(8000);
  });

  test('property: a capture time more than 2 h from the check-in is outside the visit; within 2 h (after the acceptance) it is not', () => {
    fc.assert(fc.property(fc.integer({ min: -48 * 60, max: 48 * 60 }), (minutes) => {
      const i = honestVisit(36).input;
      const at = Date.parse(i.checkIns[0].at) + minutes * 60_000;
      const evidence = i.evidence.map((e, k) => (k === 0 ? { ...e, exifTakenAt: null, capturedAt: iso(at) } : e));
      const outside = codes({ ...i, evidence }).includes('evidence.captured-outside-visit');
      const beforeAcceptance = at < Date.parse(i.acceptedAt!) - 300_000;
      const afterNow = at > Date.parse(i.now) + 300_000;
      // the check-in's device time is a second anchor a few seconds off its server time
      if (Math.abs(minutes) > 121 || beforeAcceptance || afterNow) expect(outside).toBe(true);
      else if (Math.abs(minutes) < 119) expect(outside).toBe(false);
    }));
  });

  test('a photo taken before the acceptance is outside the visit even with no check-in', () => {
    const i = honestVisit(37).input;
    const evidence = i.evidence.map((e, k) => (k === 0 ? { ...e, exifTakenAt: iso(Date.parse(i.acceptedAt!) - 3600_000) } : e));
    expect(codes({ ...i, checkIns: [], evidence })).toEqual(expect.arrayContaining<PresenceReasonCode>(['checkin.none', 'evidence.captured-outside-visit']));
  });

  test('a reason forensics already gave is not given twice', () => {
    const i = honestVisit(38).input;
    const stale = iso(Date.parse(i.checkIns[0].at) - 30 * 86_400_000);
    const said = reason('evidence.captured-outside-visit', { capturedAt: stale, hours: 720 }, i.evidence[0].evidenceId);
    const evidence = i.evidence.map((e, k) => (k === 0 ? { ...e, exifTakenAt: stale, forensicReasons: [said] } : e));
    expect(assessPresence({ ...i, evidence }).reasons.filter((r) => r.code === 'evidence.captured-outside-visit')).toEqual([said]);
  });
});
