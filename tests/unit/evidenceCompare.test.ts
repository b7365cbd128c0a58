import { PRESENCE_REASONS } from '../../domain/presenceReasons';
import { compareCapture, chinaTime, EXIF_POSITION_TOLERANCE_M, EXIF_TIME_TOLERANCE_MIN, FAR_FROM_CUSTOMER_MIN_M, type CaptureComparison } from '../../services/evidence/forensics/compare';

// A photo's EXIF against the declaration and the customer's location: pure cases.

const CUSTOMER = { lat: 29.8413, lon: 114.3223 };
const M_PER_DEG_LAT = 111_195; // on the sphere of domain/geo.ts
const north = (p: { lat: number; lon: number }, m: number) => ({ lat: p.lat + m / M_PER_DEG_LAT, lon: p.lon });
const AT = '2026-03-02T02:00:00.000Z';
const plus = (iso: string, min: number) => new Date(Date.parse(iso) + min * 60_000).toISOString();

function input(over: { exif?: Partial<NonNullable<CaptureComparison['exif']>> | null; declared?: Partial<CaptureComparison['declared']>; customer?: CaptureComparison['customer']; radius?: number } = {}): CaptureComparison {
  return {
    exif: over.exif === null ? null : { takenAt: AT, lat: CUSTOMER.lat, lon: CUSTOMER.lon, make: 'HUAWEI', model: 'P40', ...over.exif },
    declared: { capturedAt: AT, lat: CUSTOMER.lat, lon: CUSTOMER.lon, ...over.declared },
    customer: over.customer ?? CUSTOMER,
    geofenceRadiusM: over.radius ?? 200,
    evidenceId: 'ev-1',
  };
}
const codes = (i: CaptureComparison) => compareCapture(i).map((r) => r.code);

test('an honest photo: EXIF time and place agree with the declaration, taken at the customer', () => {
  expect(compareCapture(input())).toEqual([]);
  // a camera clock a few minutes off, a GPS fix a little apart, a photo from across the street
  expect(compareCapture(input({ exif: { takenAt: plus(AT, -EXIF_TIME_TOLERANCE_MIN), ...north(CUSTOMER, 150) }, declared: north(CUSTOMER, 60) }))).toEqual([]);
});

test('no capture time in EXIF (stripped, or no EXIF at all): exif-missing, and the declared position is used', () => {
  expect(codes(input({ exif: null }))).toEqual(['evidence.exif-missing']);
  expect(codes(input({ exif: { takenAt: null } }))).toEqual(['evidence.exif-missing']);
  // no EXIF and a declared position 35 km away: the declaration itself is far from the customer
  expect(codes(input({ exif: null, declared: north(CUSTOMER, 35_000) }))).toEqual(['evidence.exif-missing', 'evidence.far-from-customer']);
});

test('EXIF time more than 10 minutes from the declared one: exif-time-mismatch with both times (China time) and the minutes', () => {
  const stale = plus(AT, -365 * 24 * 60);
  const [r] = compareCapture(input({ exif: { takenAt: stale } }));
  expect(r).toEqual({ code: 'evidence.exif-time-mismatch', severity: PRESENCE_REASONS['evidence.exif-time-mismatch'].severity, evidenceId: 'ev-1', params: { exifAt: '2025-03-02T10:00:00+08:00', declaredAt: '2026-03-02T10:00:00+08:00', minutes: 525_600 } });
  expect(codes(input({ exif: { takenAt: plus(AT, 11) } }))).toEqual(['evidence.exif-time-mismatch']);
  expect(codes(input({ exif: { takenAt: plus(AT, 10) } }))).toEqual([]);
  expect(chinaTime('2026-12-31T16:30:00Z')).toBe('2027-01-01T00:30:00+08:00');
});

test('EXIF GPS more than 200 m from the declared fix: exif-position-mismatch; the camera\'s fix decides the distance to the customer', () => {
  const away = north(CUSTOMER, 35_000);
  const rs = compareCapture(input({ exif: away }));
  expect(rs.map((r) => r.code)).toEqual(['evidence.exif-position-mismatch', 'evidence.far-from-customer']);
  expect(rs[0].params.distanceM).toBeCloseTo(35_000, -1);
  expect(rs[1].params).toEqual({ distanceM: rs[0].params.distanceM, limitM: FAR_FROM_CUSTOMER_MIN_M });
  expect(codes(input({ exif: north(CUSTOMER, EXIF_POSITION_TOLERANCE_M + 20) }))).toEqual(['evidence.exif-position-mismatch']);
  expect(codes(input({ exif: north(CUSTOMER, EXIF_POSITION_TOLERANCE_M - 20) }))).toEqual([]);
});

test('far from the customer: beyond max(500 m, 2 × the geofence radius), by EXIF GPS else the declared position', () => {
  const at600 = north(CUSTOMER, 600);
  expect(codes(input({ exif: at600, declared: at600 }))).toEqual(['evidence.far-from-customer']);
  // a policy with a 400 m fence allows 800 m
  expect(codes(input({ exif: at600, declared: at600, radius: 400 }))).toEqual([]);
  const [r] = compareCapture(input({ exif: north(CUSTOMER, 900), declared: north(CUSTOMER, 900), radius: 400 }));
  expect(r.params).toEqual({ distanceM: 900, limitM: 800 });
  // EXIF without GPS: the declared position is the photo's
  expect(codes(input({ exif: { lat: null, lon: null }, declared: at600 }))).toEqual(['evidence.far-from-customer']);
  // the customer has no location in the archive: nothing to measure against
  expect(codes(input({ exif: at600, declared: at600, customer: { lat: null, lon: null } }))).toEqual([]);
});

test('neither EXIF GPS nor a declared position: no-position', () => {
  expect(codes(input({ exif: { lat: null, lon: null }, declared: { lat: null, lon: null } }))).toEqual(['evidence.no-position']);
  expect(codes(input({ exif: null, declared: { lat: null, lon: null } }))).toEqual(['evidence.exif-missing', 'evidence.no-position']);
});
