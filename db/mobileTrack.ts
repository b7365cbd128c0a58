import type { Queryable } from './pool';

// GPS tracks from terminals: appended in batches, duplicates (same device, same fix time) ignored.

export interface TrackPointIn {
  lat: number;
  lon: number;
  at: string;
  accuracyM?: number;
  speedMps?: number;
}

export async function appendTrackPoints(db: Queryable, deviceId: string, username: string, caseId: string | null, points: TrackPointIn[]): Promise<number> {
  if (!points.length) return 0;
  const r = await db.query(
    `insert into gps_points (device_id, recorded_at, username, case_id, lat, lon, accuracy_m, speed_mps)
     select $1, t.at, $2, $3, t.lat, t.lon, t.acc, t.speed
       from unnest($4::timestamptz[], $5::float8[], $6::float8[], $7::real[], $8::real[]) as t(at, lat, lon, acc, speed)
     on conflict (device_id, recorded_at) do nothing`,
    [
      deviceId, username, caseId,
      points.map((p) => p.at), points.map((p) => p.lat), points.map((p) => p.lon),
      points.map((p) => p.accuracyM ?? null), points.map((p) => p.speedMps ?? null),
    ],
  );
  return r.rowCount ?? 0;
}

export interface StoredTrack {
  deviceId: string;
  username: string;
  points: { lat: number; lon: number; at: string; accuracyM: number | null }[];
}

/** A case visit's tracks, one per device, in fix-time order. */
export async function caseTracks(db: Queryable, caseId: string): Promise<StoredTrack[]> {
  const r = await db.query<{ device_id: string; username: string; lat: number; lon: number; recorded_at: Date; accuracy_m: number | null }>(
    'select device_id, username, lat, lon, recorded_at, accuracy_m from gps_points where case_id = $1 order by device_id, recorded_at',
    [caseId],
  );
  const out = new Map<string, StoredTrack>();
  for (const p of r.rows) {
    let t = out.get(p.device_id);
    if (!t) out.set(p.device_id, (t = { deviceId: p.device_id, username: p.username, points: [] }));
    t.points.push({ lat: p.lat, lon: p.lon, at: p.recorded_at.toISOString(), accuracyM: p.accuracy_m });
  }
  return [...out.values()];
}
