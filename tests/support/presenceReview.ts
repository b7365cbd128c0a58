import crypto from 'node:crypto';
import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { acceptUpdate, getStateQuery, submitFindingsUpdate, type InspectionCaseState } from '../../domain/inspectionCaseContract';
import { reason, verdictOf, type PresenceReason, type PresenceVerdict } from '../../domain/presenceReasons';
import { testPhoto } from './testPhotos';
import { mobile, waitFor } from './mobile';

// A field visit put on review (疑似虚假工单) the way the workflow does it: findings carrying the server's weak presence
// verdict, with the inspector's justification. The verdict is written here rather than computed by the presence
// service, so every test knows its reasons; the findings go to the workflow as the service sends them (an Update with
// `presence`, which no client may send through the API).

export const JUSTIFICATION = '村里信号差，定位漂移；照片为现场拍摄';

/** A weak verdict: a check-in far outside the fence and a track that jumps, plus what the caller adds. */
export function weakVerdict(more: PresenceReason[] = [], basis: Partial<PresenceVerdict['basis']> = {}): PresenceVerdict {
  return verdictOf(
    [reason('checkin.outside', { distanceM: 2300, radiusM: 200 }), reason('track.jump', { distanceM: 5200, seconds: 10, speedKmh: 1872 }), ...more],
    { checkIns: 1, trackPoints: 3, photos: 1, verifiedPhotos: 1, ...basis },
    new Date().toISOString(),
  );
}

const inspectorActor = (s: InspectionCaseState) => ({ username: s.assignee!, roles: ['inspector' as const], orgUnit: s.customer!.stationId });

/**
 * Accepts the case for its assignee when it is only offered, then submits confirmed findings with `verdict` and a
 * justification, and waits until the read model shows the case on review. The case must be at field evidence.
 */
export async function submitWeakFindings(
  client: Client, pool: pg.Pool, workflowId: string, o: { verdict?: PresenceVerdict; result?: 'confirmed' | 'not_confirmed' } = {},
): Promise<InspectionCaseState> {
  const handle = client.workflow.getHandle(workflowId);
  let s = await handle.query(getStateQuery);
  if (s.stage !== 'field_evidence' || !s.assignee) throw new Error(`case ${s.caseNo} is at ${s.stage} (assignee ${s.assignee}), not at field evidence`);
  if (s.assignment !== 'accepted') s = await handle.executeUpdate(acceptUpdate, { args: [{ actor: inspectorActor(s) }] });
  const result = o.result ?? 'confirmed';
  // the workflow takes a verdict only over the visit it holds: the basis counts what the state has now
  const verdict = o.verdict ?? weakVerdict();
  const presence = { ...verdict, basis: { ...verdict.basis, checkIns: s.checkIns.length, photos: s.evidence.filter((e) => e.kind === 'photo').length } };
  s = await handle.executeUpdate(submitFindingsUpdate, {
    args: [{
      actor: inspectorActor(s), result, ...(result === 'confirmed' ? { problemType: 'wrong_tariff' as const } : {}), checklist: [],
      summary: '用电性质与档案不符（测试）', justification: JUSTIFICATION, presence,
    }],
  });
  await waitFor(`case ${s.caseNo} on review in the read model`, async () => (await pool.query('select 1 from cases where id = $1 and review_pending', [s.caseId])).rowCount);
  return s;
}

const mPerDegLat = 111_320;

/**
 * The terminal's part of a faked visit, through the terminal API on the bound `device`: accept, a GPS track that
 * teleports 5 km in 10 s to the customer, a check-in 2.3 km away, one demo photo declared at the check-in's position
 * (presigned PUT + confirm). Returns the uploaded evidence id.
 */
export async function fakedVisit(baseUrl: string, token: string, device: string, caseId: string, customer: { lat: number; lon: number }): Promise<{ evidenceId: string }> {
  const m = async (path: string, body?: unknown) => {
    const r = await mobile(baseUrl, path, { token, device, body });
    if (r.status >= 300) throw new Error(`${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const task = await m(`/tasks/${caseId}`);
  if (task.assignment !== 'accepted') await m(`/tasks/${caseId}/accept`, {});
  const at = (lat: number, s: number) => ({ lat, lon: customer.lon, accuracyM: 8, at: new Date(Date.now() - s * 1000).toISOString() });
  const far = customer.lat - 2300 / mPerDegLat;
  await m('/track', { caseId, points: [at(customer.lat - 5200 / mPerDegLat, 40), at(customer.lat - 5190 / mPerDegLat, 30), at(far, 20)] });
  await m(`/tasks/${caseId}/check-in`, { lat: far, lon: customer.lon, accuracyM: 12, deviceTime: new Date().toISOString() });
  const bytes = await testPhoto({ takenAt: new Date(), lat: far, lon: customer.lon });
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const ticket = await m(`/tasks/${caseId}/evidence`, {
    kind: 'photo', contentType: 'image/jpeg', sizeBytes: bytes.length, sha256, capturedAt: new Date().toISOString(), lat: far, lon: customer.lon,
  });
  const put = await fetch(ticket.upload.url, { method: 'PUT', headers: ticket.upload.headers, body: bytes });
  if (!put.ok) throw new Error(`upload refused by the object store: ${put.status} ${await put.text()}`);
  await m(`/tasks/${caseId}/evidence/${ticket.evidenceId}/confirm`, {});
  return { evidenceId: ticket.evidenceId as string };
}
