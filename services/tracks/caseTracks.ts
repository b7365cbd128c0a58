import type pg from 'pg';
import type { z } from 'zod';
import type { Principal } from '../../domain/roles';
import type { TrackBatch, TrackReplay } from '../../domain/terminalSchemas';
import { appendTrackPoints, caseTracks } from '../../db/mobileTrack';
import { codedProblem } from '../../http/problem';
import { taskCaseInScope } from '../access/caseAccess';
import { simplifyTrack, trackLengthM } from './trackGeometry';

// GPS tracks of field visits: appended by terminals (online or from the offline queue), replayed in both UIs.

/**
 * Replay of a case visit's tracks, simplified for drawing. The caller has checked the case is in scope. `window` keeps
 * the fixes of one visit only (after a visit sent back, before the next one): `after` exclusive, `until` inclusive.
 */
export async function caseTrackReplay(
  pool: pg.Pool, caseId: string, toleranceM: number, window: { after?: string | null; until?: string | null } = {},
): Promise<z.infer<typeof TrackReplay>> {
  const after = window.after ? Date.parse(window.after) : -Infinity;
  const until = window.until ? Date.parse(window.until) : Infinity;
  const tracks = (await caseTracks(pool, caseId))
    .map((t) => ({ ...t, points: t.points.filter((p) => Date.parse(p.at) > after && Date.parse(p.at) <= until) }))
    .filter((t) => t.points.length > 0);
  return {
    caseId,
    toleranceM,
    tracks: tracks.map((t) => {
      const simplified = simplifyTrack(t.points, toleranceM);
      return {
        deviceId: t.deviceId,
        username: t.username,
        startedAt: t.points[0].at,
        endedAt: t.points[t.points.length - 1].at,
        pointCount: t.points.length,
        simplifiedCount: simplified.length,
        lengthM: Math.round(trackLengthM(t.points)),
        points: simplified.map((p) => ({ lat: p.lat, lon: p.lon, at: p.at })),
      };
    }),
  };
}

/** Appends a batch of fixes; when it names a case, the caller must see the case and hold its field step. */
export async function appendTrack(pool: pg.Pool, principal: Principal, deviceId: string, batch: z.infer<typeof TrackBatch>) {
  if (batch.caseId) {
    const c = await taskCaseInScope(pool, batch.caseId, principal);
    if (c.assignee !== principal.username) throw codedProblem(403, 'Not your visit', 'track.not-your-visit', { caseNo: c.caseNo, assignee: c.assignee, user: principal.username }, 'zh-CN');
  }
  const stored = await appendTrackPoints(pool, deviceId, principal.username, batch.caseId ?? null, batch.points);
  return { received: batch.points.length, stored, duplicates: batch.points.length - stored };
}
