import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { TerminalClient } from './client';

// A whole field visit as a terminal plays it: accept, navigate, a GPS track approaching the customer, check-in,
// photos uploaded by presigned PUT and confirmed, findings.

export const DEMO_PHOTOS = [path.join(__dirname, 'photo-1.jpg'), path.join(__dirname, 'photo-2.jpg')];

export interface VisitOptions {
  result?: 'confirmed' | 'not_confirmed';
  problemType?: string;
  photos?: string[];
  /** Where the walk starts, in metres from the customer (default 1200). */
  startDistanceM?: number;
  log?: (line: string) => void;
}

export interface VisitOutcome {
  caseId: string;
  caseNo: string;
  stage: string;
  checkIn: { distanceM: number | null; insideGeofence: boolean };
  evidenceIds: string[];
  trackPoints: number;
}

/** A walk from `startDistanceM` south-west of the target to a few metres from it, one fix every 10 s, ending now. */
export function approachTrack(target: { lat: number; lon: number }, startDistanceM = 1200, points = 30, end = Date.now()): { lat: number; lon: number; at: string; accuracyM: number }[] {
  const mPerDegLat = 111_320;
  const mPerDegLon = 111_320 * Math.cos((target.lat * Math.PI) / 180);
  const out = [];
  for (let i = 0; i < points; i += 1) {
    const f = 1 - i / (points - 1); // 1 → 0
    const d = 6 + (startDistanceM - 6) * f; // last fix ~6 m away
    const wiggle = Math.sin(i * 1.3) * 15 * f; // a street is never straight
    const east = -d * 0.6 + wiggle;
    const north = -d * 0.8 - wiggle * 0.5;
    out.push({
      lat: Math.round((target.lat + north / mPerDegLat) * 1e7) / 1e7,
      lon: Math.round((target.lon + east / mPerDegLon) * 1e7) / 1e7,
      at: new Date(end - (points - 1 - i) * 10_000).toISOString(),
      accuracyM: 5 + (i % 4),
    });
  }
  return out;
}

export async function playVisit(t: TerminalClient, caseId: string, o: VisitOptions = {}): Promise<VisitOutcome> {
  const log = o.log ?? (() => undefined);
  const me = await t.get('/me');
  let task = await t.get(`/tasks/${caseId}`);
  log(`case ${task.caseNo}: ${task.customer?.name} (${task.customer?.accountNo}), ${task.customer?.address}; stage ${task.stage}, assignee ${task.assignee ?? '-'} (${task.assignment})`);
  if (task.stage !== 'field_evidence') throw new Error(`case ${task.caseNo} is at ${task.stage}, not field evidence`);
  if (task.assignee !== me.username) throw new Error(`case ${task.caseNo} is assigned to ${task.assignee ?? 'nobody'}, not ${me.username}`);
  if (task.assignment === 'offered') {
    const s = await t.post(`/tasks/${caseId}/accept`, {});
    log(`accepted; deadline ${s.deadlineAt}`);
  } else {
    log('already accepted');
  }
  const loc = task.location;
  if (!loc) throw new Error(`customer ${task.customer?.accountNo} has no GIS location to navigate to`);

  const track = approachTrack(loc, o.startDistanceM ?? 1200);
  const nav = await t.get(`/tasks/${caseId}/navigation`, { fromLat: track[0].lat, fromLon: track[0].lon });
  log(`navigation: ${decodeURIComponent(nav.geoUri)} — ${nav.from.distanceM} m at bearing ${nav.from.bearingDeg}°`);

  const half = Math.ceil(track.length / 2);
  const first = await t.post('/track', { caseId, points: track.slice(0, half) });
  const second = await t.post('/track', { caseId, points: track.slice(half - 3) }); // overlaps: re-sent points are ignored
  log(`GPS track: ${first.stored + second.stored} points stored, ${second.duplicates} re-sent duplicates ignored`);

  const fix = track[track.length - 1];
  const checkIn = await t.post(`/tasks/${caseId}/check-in`, { lat: fix.lat, lon: fix.lon, accuracyM: fix.accuracyM, deviceTime: new Date().toISOString() });
  log(`check-in: ${checkIn.distanceM} m from the customer, ${checkIn.insideGeofence ? 'inside' : 'OUTSIDE'} the geofence`);

  const evidenceIds: string[] = [];
  for (const file of o.photos ?? DEMO_PHOTOS) {
    const bytes = fs.readFileSync(file);
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const ticket = await t.post(`/tasks/${caseId}/evidence`, {
      kind: 'photo', contentType: 'image/jpeg', sizeBytes: bytes.length, sha256, capturedAt: new Date().toISOString(), lat: fix.lat, lon: fix.lon,
    });
    const put = await fetch(ticket.upload.url, { method: 'PUT', headers: ticket.upload.headers, body: bytes });
    if (!put.ok) throw new Error(`upload of ${path.basename(file)} refused by the object store: ${put.status} ${await put.text()}`);
    const confirmed = await t.post(`/tasks/${caseId}/evidence/${ticket.evidenceId}/confirm`, {});
    evidenceIds.push(ticket.evidenceId);
    log(`photo ${path.basename(file)} (${bytes.length} bytes, sha256 ${sha256.slice(0, 12)}…) uploaded and verified; ${confirmed.state?.verifiedEvidence ?? '?'} verified item(s)`);
  }

  task = await t.get(`/tasks/${caseId}`);
  const result = o.result ?? 'confirmed';
  const checkItems: { code: string }[] = task.checkItems ?? [];
  const findings = {
    result,
    ...(result === 'confirmed' ? { problemType: o.problemType ?? 'wrong_tariff' } : {}),
    checklist: checkItems.map((c, i) => ({ code: c.code, passed: result === 'confirmed' ? i !== 0 : true })),
    summary: result === 'confirmed' ? '现场核查：用电性质与档案不符，已拍照取证（终端模拟器）' : '现场核查：未发现异常（终端模拟器）',
  };
  const after = await t.post(`/tasks/${caseId}/findings`, findings);
  log(`findings submitted (${result}); the case is now at ${after.stage}${after.pendingActor ? `, pending ${after.pendingActor.username ?? after.pendingActor.role}` : ''}`);
  return { caseId, caseNo: task.caseNo, stage: after.stage, checkIn: { distanceM: checkIn.distanceM, insideGeofence: checkIn.insideGeofence }, evidenceIds, trackPoints: track.length };
}
