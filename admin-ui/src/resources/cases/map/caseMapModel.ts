import type { MapFeatures } from '../../../../../ui-map/features';
import type { LatLon } from '../../../../../ui-map/coords';
import { distanceM, splitDistance } from '../../../../../ui-map/geo';
import { splitDuration } from '../../../../../ui-map/replay';
import type { CheckIn } from '../show/useCaseQueries';
import type { TimedPoint } from './caseTrack';

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** What the case map shows, in the shape the shared map (ui-map) draws: customer, geofence, check-ins, the visit's track, the replay marker. */
export function caseMapFeatures(o: {
  customer: LatLon | null;
  checkIns: readonly CheckIn[];
  track: readonly TimedPoint[];
  geofenceRadiusM: number;
  replay: LatLon | null;
}): MapFeatures {
  return {
    customer: o.customer,
    position: null,
    geofenceM: o.geofenceRadiusM,
    tracks: o.track.length > 1 ? [{ id: 'visit', points: o.track.map((p) => ({ lat: p.lat, lon: p.lon })) }] : [],
    localTrack: [],
    replay: o.replay,
    checkIns: o.checkIns.map((c) => ({ lat: c.lat, lon: c.lon, inside: c.insideGeofence, accuracyM: c.accuracyM })),
  };
}

/** "850 米" / "1.2 公里" in the user's language. */
export function formatDistance(translate: Translate, m: number): string {
  const { value, km } = splitDistance(m);
  return translate(km ? 'caseMap.km' : 'caseMap.m', { n: value });
}

/** "1 小时 5 分" / "9 分 40 秒" / "45 秒". */
export function formatDuration(translate: Translate, ms: number): string {
  const { h, m, s } = splitDuration(ms);
  if (h > 0) return translate('caseMap.dur.h', { h, m });
  if (m > 0) return translate('caseMap.dur.m', { m, s });
  return translate('caseMap.dur.s', { s });
}

/** How far from the customer a point is, or null without a customer location. */
export function fromCustomerM(customer: LatLon | null, p: LatLon | null): number | null {
  return customer && p ? distanceM(customer, p) : null;
}

const CLOCK = new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

/** The replay's moment to the second, in Beijing time like every time of the back office: "12/04 10:32:05". */
export function formatClock(epochMs: number): string {
  return CLOCK.format(new Date(epochMs));
}
