import type { LatLon } from './coords';

/** A recorded check-in: inside or outside the geofence, with its fix's accuracy. */
export type CheckInFeature = LatLon & { inside: boolean; accuracyM: number };

/** What a map of a visit shows, whatever draws it (MapLibre or the SVG fallback). All WGS-84. */
export interface MapFeatures {
  /** The customer's GIS location, the destination. */
  customer: LatLon | null;
  /** The inspector's current fix and its accuracy radius. */
  position: (LatLon & { accuracyM: number }) | null;
  /** Check-in geofence radius around the customer, metres. */
  geofenceM: number;
  /** Recorded tracks from the API, one per device, simplified. */
  tracks: { id: string; points: LatLon[] }[];
  /** Fixes recorded on this device and not sent yet (drawn dashed: not on the server). */
  localTrack: LatLon[];
  /** The replay marker, while a track is replayed. */
  replay: LatLon | null;
  /** Recorded check-ins (the back office's case map): inside or outside the geofence, with their fix's accuracy. */
  checkIns?: CheckInFeature[];
}

/** Every point the map should keep in view, with the radius around it that must fit too. */
export function extentPoints(f: MapFeatures): { p: LatLon; r: number }[] {
  const out: { p: LatLon; r: number }[] = [];
  if (f.customer) out.push({ p: f.customer, r: f.geofenceM });
  if (f.position) out.push({ p: f.position, r: Math.min(f.position.accuracyM, 2000) });
  for (const t of f.tracks) for (const p of t.points) out.push({ p, r: 0 });
  for (const p of f.localTrack) out.push({ p, r: 0 });
  for (const c of f.checkIns ?? []) out.push({ p: c, r: 0 });
  return out;
}

/** The point the map is built around: the customer, else the inspector, else the first track point. */
export function anchorOf(f: MapFeatures): LatLon | null {
  return f.customer ?? f.position ?? f.tracks.find((t) => t.points.length)?.points[0] ?? f.localTrack[0] ?? f.checkIns?.[0] ?? null;
}

/** Colours of the tracks (one per device), distinguishable and visible in sunlight on a light background. */
export const TRACK_COLOURS = ['#c2185b', '#6a1b9a', '#00838f', '#ef6c00', '#2e7d32'];
