import { describe, expect, it } from 'vitest';
import { GeoError, accuracyLevel, checkInPayload, currentFix, distanceM } from './geo';

describe('check-in position', () => {
  it('grades accuracy against the geofence: good within 30 m, poor beyond half the radius (at least 50 m)', () => {
    expect(accuracyLevel(12, 200)).toBe('good');
    expect(accuracyLevel(80, 200)).toBe('fair');
    expect(accuracyLevel(101, 200)).toBe('poor');
    expect(accuracyLevel(45, 60)).toBe('fair'); // a small fence still allows 50 m
    expect(accuracyLevel(51, 60)).toBe('poor');
  });

  it('sends the fix as CheckInInput takes it, with the fix\'s own time and where it came from (a browser: no mock flag)', () => {
    expect(checkInPayload({ lat: 29.841234567891, lon: 114.32198765432, accuracyM: 7.345, at: '2026-03-10T02:00:00.000Z' }))
      .toEqual({ lat: 29.8412346, lon: 114.3219877, accuracyM: 7.3, deviceTime: '2026-03-10T02:00:00.000Z', signals: { source: 'browser' } });
  });

  it('measures great-circle distance (one degree of latitude ≈ 111.2 km)', () => {
    expect(distanceM({ lat: 30, lon: 114 }, { lat: 31, lon: 114 })).toBeCloseTo(111_195, -1);
    expect(distanceM({ lat: 30, lon: 114 }, { lat: 30, lon: 114 })).toBe(0);
  });

  it('asks for one high-accuracy fix and reports a refusal as "denied"', async () => {
    const asked: PositionOptions[] = [];
    const ok = {
      getCurrentPosition: (s: PositionCallback, _e: PositionErrorCallback, o: PositionOptions) => {
        asked.push(o);
        s({ coords: { latitude: 30.1, longitude: 114.2, accuracy: 9 }, timestamp: Date.parse('2026-03-10T02:00:00Z') } as GeolocationPosition);
      },
    } as unknown as Geolocation;
    await expect(currentFix(undefined, ok)).resolves.toEqual({ lat: 30.1, lon: 114.2, accuracyM: 9, at: '2026-03-10T02:00:00.000Z' });
    expect(asked[0]).toMatchObject({ enableHighAccuracy: true, maximumAge: 0 });
    const denied = { getCurrentPosition: (_s: PositionCallback, e: PositionErrorCallback) => e({ code: 1 } as GeolocationPositionError) } as unknown as Geolocation;
    await expect(currentFix(undefined, denied)).rejects.toMatchObject({ reason: 'denied' });
    await expect(currentFix(undefined, undefined)).rejects.toBeInstanceOf(GeoError);
  });
});
