import type { Client } from '@temporalio/client';
import type pg from 'pg';
import { assessPresence, TRACK_LEAD_S, type PresenceEvidence } from '../../domain/presence';
import { PresenceReason, type PresenceVerdict } from '../../domain/presenceReasons';
import type { InspectionCaseState } from '../../domain/inspectionCaseContract';
import { caseEvidenceForensics, visitTimes, visitTrackPoints } from '../../db/presence';
import { caseLiveState } from '../cases/caseLiveState';
import { casePolicyInForce, casePolicyOfVersion } from '../cases/casePolicyInForce';

// The presence verdict of a case's field visit (防虚假现场工单), computed by the server when findings are submitted:
// the workflow's check-ins and evidence, the forensics stored with each upload, and the assignee's GPS track, judged by
// domain/presence.ts. The verdict goes into the findings Update; the workflow stores it and holds a weak one for review.

export interface PresenceDeps {
  pool: pg.Pool;
  temporal: Client;
}

/** Stored reasons that no longer parse (a code renamed since) are left out rather than failing the findings step. */
function storedReasons(raw: unknown, evidenceId: string): PresenceReason[] {
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((x) => {
    const r = PresenceReason.safeParse(x);
    return r.success ? [{ ...r.data, evidenceId: r.data.evidenceId ?? evidenceId }] : [];
  });
}

/** The verdict over a live state already read (the findings step reads it once for its own checks too). */
export async function presenceVerdictOfState(pool: pg.Pool, caseId: string, state: InspectionCaseState, now = new Date()): Promise<PresenceVerdict> {
  const policy = (state.policyVersion && (await casePolicyOfVersion(pool, state.policyVersion))) || (await casePolicyInForce(pool));
  const assignee = state.assignee ?? '';
  const times = await visitTimes(pool, caseId, assignee);
  const starts = [times.acceptedAt, times.returnedAt].filter((x): x is string => !!x).map((t) => Date.parse(t));
  // the pure verdict chooses the visit's window; read generously around it (no acceptance found: the last day)
  const since = new Date(starts.length ? Math.min(...starts) - TRACK_LEAD_S * 1000 : now.getTime() - 86_400_000).toISOString();
  const [forensics, track] = await Promise.all([caseEvidenceForensics(pool, caseId), visitTrackPoints(pool, caseId, assignee, since)]);
  const byId = new Map(forensics.map((f) => [f.id, f]));
  const evidence: PresenceEvidence[] = state.evidence.map((e) => {
    const f = byId.get(e.evidenceId);
    return {
      evidenceId: e.evidenceId, kind: e.kind, sha256: e.sha256, capturedAt: e.capturedAt, lat: e.lat ?? null, lon: e.lon ?? null, verified: e.verified,
      forensicReasons: f ? storedReasons(f.forensicReasons, e.evidenceId) : [], exifTakenAt: f?.exifTakenAt ?? null,
    };
  });
  return assessPresence({
    now: now.toISOString(),
    customer: { lat: state.customer?.lat ?? null, lon: state.customer?.lon ?? null },
    policy: policy.evidence,
    checkIns: state.checkIns,
    evidence,
    track,
    acceptedAt: times.acceptedAt,
    returnedAt: times.returnedAt,
  });
}

/** The presence verdict of the case's current field visit, as the findings step would compute it now. */
export async function presenceVerdictForCase(deps: PresenceDeps, row: { id: string; workflowId: string }): Promise<PresenceVerdict> {
  return presenceVerdictOfState(deps.pool, row.id, await caseLiveState(deps.temporal, row.workflowId));
}
