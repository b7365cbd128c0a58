import crypto from 'node:crypto';
import { ok, type ApiBody } from '../../client';
import { getTask, type TerminalClient } from './client';
import { cameraPhoto } from './photos';

// A whole field visit as a terminal plays it: accept, navigate, a GPS track approaching the customer, check-in,
// photos taken on site (new pictures every visit, EXIF with the shutter time and the phone's GPS fix) uploaded by
// presigned PUT and confirmed, findings.

/** Photos a visit takes unless told otherwise (the case policy's minimum in the demo data). */
export const VISIT_PHOTOS = 2;

type Findings = ApiBody<'/mobile/v1/tasks/{id}/findings'>;

export interface VisitOptions {
  result?: Findings['result'];
  problemType?: Findings['problemType'];
  /** JPEG bytes to upload instead of the photos the visit takes (declared as taken now, at the check-in's fix). */
  photos?: Buffer[];
  /** Where the walk starts, in metres from the customer (default 1200). */
  startDistanceM?: number;
  /**
   * Where the walk ends, in metres short of the customer (default: at the door): the check-in and the photos are taken
   * there. Far outside the geofence the server's presence verdict is weak, and the findings need a justification.
   */
  standOffM?: number;
  /** The inspector's justification sent with the findings (a weak visit goes to a supervisor's review with it). */
  justification?: string;
  /** The findings' summary (default: the simulator's). */
  summary?: string;
  log?: (line: string) => void;
}

export interface VisitOutcome {
  caseId: string;
  caseNo: string;
  stage: string;
  checkIn: { distanceM: number | null; insideGeofence: boolean };
  evidenceIds: string[];
  /** SHA-256 of each uploaded photo, in the order of evidenceIds. */
  photoSha256s: string[];
  /** GPS fixes sent (0 when the visit resumed after its check-in). */
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

/**
 * When a device's track ends: about now, and never so that one of its fixes falls on the same instant as a fix of a
 * track the device walked in the last hour. The server keeps one fix per device and instant (a phone is in one place
 * at a time), and the chaos load plays eight visits at once on one inspector's terminal: two tracks whose ends are
 * a whole number of fix intervals apart (10 s) would share instants, the later walk's fixes would be taken as
 * re-sent duplicates of the earlier's, and its case's presence check would find no approach. So each track gets a
 * millisecond phase within the interval that no recent track of the device has.
 */
const recentPhases = new WeakMap<TerminalClient, Map<number, number>>();
export function trackEnd(t: TerminalClient, intervalMs = 10_000): number {
  const phases = recentPhases.get(t) ?? new Map<number, number>();
  recentPhases.set(t, phases);
  const now = Date.now();
  for (const [phase, at] of phases) if (now - at > 3_600_000) phases.delete(phase);
  let end = now;
  while (phases.has(end % intervalMs)) end -= 1; // back, never into the future
  phases.set(end % intervalMs, now);
  return end;
}

export async function playVisit(t: TerminalClient, caseId: string, o: VisitOptions = {}): Promise<VisitOutcome> {
  const log = o.log ?? (() => undefined);
  const id = { params: { path: { id: caseId } } };
  const me = ok(await t.api.GET('/mobile/v1/me'));
  let task = await getTask(t, caseId);
  log(`case ${task.caseNo}: ${task.customer?.name} (${task.customer?.accountNo}), ${task.customer?.address}; stage ${task.stage}, assignee ${task.assignee ?? '-'} (${task.assignment})`);
  if (task.stage !== 'field_evidence') throw new Error(`case ${task.caseNo} is at ${task.stage}, not field evidence`);
  if (task.assignee !== me.username) throw new Error(`case ${task.caseNo} is assigned to ${task.assignee ?? 'nobody'}, not ${me.username}`);
  if (task.assignment === 'offered') {
    const s = ok(await t.api.POST('/mobile/v1/tasks/{id}/accept', { ...id, body: {} }));
    log(`accepted; deadline ${s.deadlineAt}`);
  } else {
    log('already accepted');
  }
  const loc = task.location;
  if (!loc) throw new Error(`customer ${task.customer?.accountNo} has no GIS location to navigate to`);

  // standing short of the customer: the same walk towards a point `standOffM` south-west of them
  const standOff = o.standOffM ?? 0;
  const stand = standOff > 0
    ? { lat: loc.lat - (standOff * 0.8) / 111_320, lon: loc.lon - (standOff * 0.6) / (111_320 * Math.cos((loc.lat * Math.PI) / 180)) }
    : loc;
  // A visit interrupted after its check-in (the app killed, a step refused) resumes where it stopped, as the terminal
  // app does: it does not walk, check in or photograph again what the case already has.
  const earlier = task.checkIns[task.checkIns.length - 1] ?? null; // the assignee's: only they may check in
  let trackPoints = 0;
  let fix: { lat: number; lon: number };
  let checkIn: { distanceM: number | null; insideGeofence: boolean };
  if (earlier) {
    fix = { lat: earlier.lat, lon: earlier.lon };
    checkIn = earlier;
    log(`already checked in (${earlier.distanceM} m from the customer): the visit resumes at its photos`);
  } else {
    const track = approachTrack(stand, o.startDistanceM ?? 1200, undefined, trackEnd(t));
    const nav = ok(await t.api.GET('/mobile/v1/tasks/{id}/navigation', { params: { path: { id: caseId }, query: { fromLat: track[0].lat, fromLon: track[0].lon } } }));
    log(`navigation: ${decodeURIComponent(nav.geoUri ?? '')} — ${nav.from?.distanceM} m at bearing ${nav.from?.bearingDeg}°`);

    const half = Math.ceil(track.length / 2);
    const first = ok(await t.api.POST('/mobile/v1/track', { body: { caseId, points: track.slice(0, half) } }));
    const second = ok(await t.api.POST('/mobile/v1/track', { body: { caseId, points: track.slice(half - 3) } })); // overlaps: re-sent points are ignored
    log(`GPS track: ${first.stored + second.stored} points stored, ${second.duplicates} re-sent duplicates ignored`);
    trackPoints = track.length;

    const last = track[track.length - 1];
    fix = last;
    checkIn = ok(await t.api.POST('/mobile/v1/tasks/{id}/check-in', { ...id, body: { lat: last.lat, lon: last.lon, accuracyM: last.accuracyM, deviceTime: new Date().toISOString() } }));
    log(`check-in: ${checkIn.distanceM} m from the customer, ${checkIn.insideGeofence ? 'inside' : 'OUTSIDE'} the geofence`);
  }

  const evidenceIds: string[] = [];
  const photoSha256s: string[] = [];
  const mPerDegLat = 111_320;
  const taken = earlier ? task.evidence.filter((e) => e.kind === 'photo' && e.status === 'confirmed' && e.by === me.username).length : 0;
  for (let i = taken; i < (o.photos?.length ?? VISIT_PHOTOS); i += 1) {
    // the shutter now, where the inspector stands: the camera's own GPS fix a few metres from the check-in's
    const takenAt = new Date();
    const bytes = o.photos?.[i] ?? await cameraPhoto({
      takenAt,
      lat: fix.lat + ((Math.random() - 0.5) * 6) / mPerDegLat,
      lon: fix.lon + ((Math.random() - 0.5) * 6) / (mPerDegLat * Math.cos((fix.lat * Math.PI) / 180)),
    });
    const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
    const ticket = ok(await t.api.POST('/mobile/v1/tasks/{id}/evidence', {
      ...id,
      body: { kind: 'photo', contentType: 'image/jpeg', sizeBytes: bytes.length, sha256, capturedAt: takenAt.toISOString(), lat: fix.lat, lon: fix.lon },
    }));
    const put = await t.upload(ticket.upload.url, ticket.upload.headers, bytes);
    if (!put.ok) throw new Error(`upload of photo ${i + 1} refused by the object store: ${put.status} ${await put.text()}`);
    const confirmed = ok(await t.api.POST('/mobile/v1/tasks/{id}/evidence/{evidenceId}/confirm', { params: { path: { id: caseId, evidenceId: ticket.evidenceId } }, body: {} }));
    evidenceIds.push(ticket.evidenceId);
    photoSha256s.push(sha256);
    const findings = confirmed.evidence.forensics?.reasons.map((r) => r.code) ?? [];
    log(`photo ${i + 1} (${bytes.length} bytes, sha256 ${sha256.slice(0, 12)}…) uploaded and ${findings.length ? `attached with findings: ${findings.join(', ')}` : 'verified'}; ${confirmed.state?.verifiedEvidence ?? '?'} verified item(s)`);
  }

  task = await getTask(t, caseId);
  const result = o.result ?? 'confirmed';
  const findings: Findings = {
    result,
    ...(result === 'confirmed' ? { problemType: o.problemType ?? 'wrong_tariff' } : {}),
    checklist: task.checkItems.map((c, i) => ({ code: c.code, passed: result === 'confirmed' ? i !== 0 : true })),
    summary: o.summary ?? (result === 'confirmed' ? '现场核查：用电性质与档案不符，已拍照取证（终端模拟器）' : '现场核查：未发现异常（终端模拟器）'),
    ...(o.justification ? { justification: o.justification } : {}),
  };
  const after = ok(await t.api.POST('/mobile/v1/tasks/{id}/findings', { ...id, body: findings }));
  log(`findings submitted (${result}); the case is now at ${after.stage}${after.pendingActor ? `, pending ${after.pendingActor.username ?? after.pendingActor.role}` : ''}`);
  return { caseId, caseNo: task.caseNo, stage: after.stage, checkIn: { distanceM: checkIn.distanceM, insideGeofence: checkIn.insideGeofence }, evidenceIds, photoSha256s, trackPoints };
}
