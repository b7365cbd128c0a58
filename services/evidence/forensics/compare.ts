import { distanceMeters } from '../../../domain/geo';
import { reason, type PresenceReason } from '../../../domain/presenceReasons';
import type { ExifFacts } from './imageProbe';

// A photo's EXIF against what the terminal declared for it and against where the customer is. Pure: the confirm step
// gathers the inputs, this decides. Whether the capture time falls inside the visit (the check-ins) is decided at
// findings, from what the confirm step stores (evidence.captured-outside-visit).

/** A camera clock and the terminal's clock agree to within this; more is another moment, not clock drift. */
export const EXIF_TIME_TOLERANCE_MIN = 10;
/** The camera's GPS and the terminal's declared fix come from the same phone; more apart than this is another place. */
export const EXIF_POSITION_TOLERANCE_M = 200;
/** A photo of the customer's premises (meter box, signboard, the line) may be taken this far away, and never less. */
export const FAR_FROM_CUSTOMER_MIN_M = 500;

export interface CaptureComparison {
  /** The photo's EXIF (null: none at all). */
  exif: ExifFacts | null;
  /** What the terminal declared with the upload. */
  declared: { capturedAt: string; lat: number | null; lon: number | null };
  /** The customer's GIS location as the case holds it; lat/lon null when the archive has none. */
  customer: { lat: number | null; lon: number | null };
  /** The case policy's check-in geofence radius (metres). */
  geofenceRadiusM: number;
  evidenceId?: string;
}

/** An instant as ISO 8601 in China time (the time on the inspector's phone), for the texts that quote it. */
export function chinaTime(iso: string): string {
  return `${new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

const pos = (lat: number | null | undefined, lon: number | null | undefined) => (lat != null && lon != null ? { lat, lon } : null);

/** The reasons a photo's capture (time, place) gives for doubt; empty when it agrees with the declaration and the site. */
export function compareCapture(i: CaptureComparison): PresenceReason[] {
  const out: PresenceReason[] = [];
  const r = (code: Parameters<typeof reason>[0], params: PresenceReason['params'] = {}) => out.push(reason(code, params, i.evidenceId));

  const takenAt = i.exif?.takenAt ?? null;
  if (!takenAt) {
    r('evidence.exif-missing');
  } else {
    const minutes = Math.abs(Date.parse(takenAt) - Date.parse(i.declared.capturedAt)) / 60_000;
    if (minutes > EXIF_TIME_TOLERANCE_MIN) r('evidence.exif-time-mismatch', { exifAt: chinaTime(takenAt), declaredAt: chinaTime(i.declared.capturedAt), minutes: Math.round(minutes) });
  }

  const exifPos = pos(i.exif?.lat, i.exif?.lon);
  const declaredPos = pos(i.declared.lat, i.declared.lon);
  if (exifPos && declaredPos) {
    const apart = distanceMeters(exifPos, declaredPos);
    if (apart > EXIF_POSITION_TOLERANCE_M) r('evidence.exif-position-mismatch', { distanceM: Math.round(apart) });
  }
  // where the photo was taken: the camera's own fix first, the terminal's word otherwise
  const at = exifPos ?? declaredPos;
  const customer = pos(i.customer.lat, i.customer.lon);
  if (!at) {
    r('evidence.no-position');
  } else if (customer) {
    const limitM = Math.max(FAR_FROM_CUSTOMER_MIN_M, 2 * i.geofenceRadiusM);
    const distanceM = distanceMeters(at, customer);
    if (distanceM > limitM) r('evidence.far-from-customer', { distanceM: Math.round(distanceM), limitM: Math.round(limitM) });
  }
  return out;
}
