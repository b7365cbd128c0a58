import type { CaseLive, TrackPoint } from '../show/useCaseQueries';

export interface TimedPoint extends TrackPoint {
  source: 'track' | 'check_in' | 'evidence';
}

/**
 * The positions to replay: the visit's GPS track when there is one (GET /api/cases/:id/track);
 * otherwise what the case already holds — check-ins and GPS-tagged evidence — in time order.
 */
export function caseTrack(live: Pick<CaseLive, 'checkIns' | 'evidence'> & { track?: readonly TrackPoint[] }): TimedPoint[] {
  if (live.track && live.track.length > 0) {
    return live.track.map((p) => ({ ...p, source: 'track' as const }));
  }
  const points: TimedPoint[] = [
    ...live.checkIns.map((c) => ({ lat: c.lat, lon: c.lon, at: c.deviceTime || c.at, source: 'check_in' as const })),
    ...live.evidence
      .filter((e) => typeof e.lat === 'number' && typeof e.lon === 'number')
      .map((e) => ({ lat: e.lat!, lon: e.lon!, at: e.capturedAt, source: 'evidence' as const })),
  ];
  return points.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
