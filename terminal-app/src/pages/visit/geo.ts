// The phone's position for check-in and evidence: one fresh high-accuracy fix, its quality in words, and a local
// distance estimate to the customer (the server computes the one that counts).

export interface Fix {
  lat: number;
  lon: number;
  accuracyM: number;
  /** The fix's own time (ISO), from the device clock. */
  at: string;
}

export type GeoFailure = 'unsupported' | 'denied' | 'unavailable' | 'timeout';

export class GeoError extends Error {
  constructor(readonly reason: GeoFailure) {
    super(`geolocation: ${reason}`);
  }
}

export function toFix(p: { coords: { latitude: number; longitude: number; accuracy: number }; timestamp: number }): Fix {
  return { lat: p.coords.latitude, lon: p.coords.longitude, accuracyM: p.coords.accuracy, at: new Date(p.timestamp || Date.now()).toISOString() };
}

/** One position; for check-in fresh (maximumAge 0) and with high accuracy (GPS, not cell towers). */
export function currentFix(o: PositionOptions = { enableHighAccuracy: true, timeout: 20_000, maximumAge: 0 }, geo: Geolocation | undefined = globalThis.navigator?.geolocation): Promise<Fix> {
  return new Promise((resolve, reject) => {
    if (!geo) {
      reject(new GeoError('unsupported'));
      return;
    }
    geo.getCurrentPosition(
      (p) => resolve(toFix(p)),
      (e) => reject(new GeoError(e.code === 1 ? 'denied' : e.code === 3 ? 'timeout' : 'unavailable')),
      o,
    );
  });
}

export type AccuracyLevel = 'good' | 'fair' | 'poor';

/**
 * Good within 30 m. Poor beyond half the geofence radius (at least 50 m): the fix's circle is then wide enough to put
 * an inspector at the door either inside or outside the fence, so the server's answer is a coin toss.
 */
export function accuracyLevel(accuracyM: number, geofenceM: number): AccuracyLevel {
  if (accuracyM <= 30) return 'good';
  return accuracyM <= Math.max(50, geofenceM / 2) ? 'fair' : 'poor';
}

/** The API takes an accuracy up to 10 km (CheckInInput); a worse fix is no proof of anything. */
export const MAX_CHECKIN_ACCURACY_M = 10_000;

/** A fix older than this is taken again before a check-in: the inspector may have walked away meanwhile. */
export const FIX_MAX_AGE_MS = 2 * 60_000;

/**
 * Where a fix came from, as the check-in reports it (issue #15's `signals`). A web page learns a position only through
 * the browser's Geolocation API: it cannot tell GPS from network positioning, nor whether a mock-location app feeds
 * the position (Android reports that to native apps only, Location.isMock()), so it says `browser` and claims nothing
 * about mocking — `mockLocation` is left out rather than sent as false. A native shell around the app could fill both.
 */
export const CHECK_IN_SIGNALS = { source: 'browser' } as const;

export function checkInPayload(fix: Fix): { lat: number; lon: number; accuracyM: number; deviceTime: string; signals: typeof CHECK_IN_SIGNALS } {
  return {
    lat: Math.round(fix.lat * 1e7) / 1e7,
    lon: Math.round(fix.lon * 1e7) / 1e7,
    accuracyM: Math.round(fix.accuracyM * 10) / 10,
    deviceTime: fix.at,
    signals: CHECK_IN_SIGNALS,
  };
}

/** Great-circle distance in metres (haversine, mean Earth radius). */
export function distanceM(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const R = 6_371_008.8;
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}
