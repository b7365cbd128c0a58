import type { CaseEvent, CaseLive } from '../resources/cases/show/useCaseQueries';
import type { EvidenceItem } from '../resources/cases/show/evidenceSources';

const HASH = 'ab'.repeat(32);

export function event(seq: number, type: string, stage: CaseEvent['stage'], payload: Record<string, unknown> = {}, actor: string | null = null): CaseEvent {
  return {
    seq,
    type,
    stage,
    actor,
    payload,
    occurredAt: new Date(Date.UTC(2026, 3, 1, 8, seq)).toISOString(),
    hash: HASH,
  };
}

/** A case that went judgement → field evidence → rectification and is now in verification. */
export const eventsToVerification: CaseEvent[] = [
  event(1, 'opened', 'judgement', { origin: 'special', note: '白名单居民大电量专项检查' }, 'supervisor'),
  event(2, 'judged', 'judgement', { judgement: { score: 40, priority: 'normal' } }),
  event(3, 'stage_entered', 'field_evidence', { assignee: 'inspector', deadlineAt: '2026-04-10T08:00:00Z' }),
  event(4, 'accepted', 'field_evidence', {}, 'inspector'),
  event(5, 'checked_in', 'field_evidence', { distanceM: 35, insideGeofence: true, radiusM: 200 }, 'inspector'),
  event(6, 'findings_submitted', 'rectification', { result: 'confirmed', problemType: 'wrong_tariff', summary: '实为餐馆' }, 'inspector'),
  event(7, 'rectification_issued', 'rectification', {
    owner: 'lead',
    actions: [{ kind: 'tariff_reclassification' }, { kind: 'back_billing_and_penalty' }],
    computations: [{ backBillingYuan: 1000, penaltyYuan: 2000 }],
  }, 'inspector'),
  event(8, 'escalated', 'rectification', { tier: 1 }),
  event(9, 'rectification_reported', 'verification', { summary: '已改类', amountRecoveredYuan: 3000 }, 'lead'),
];

export function evidence(overrides: Partial<EvidenceItem> = {}): EvidenceItem {
  return {
    evidenceId: 'ev-1',
    kind: 'photo',
    sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    sizeBytes: 245_760,
    verified: true,
    capturedAt: '2026-04-02T09:15:00+08:00',
    lat: 29.8414,
    lon: 114.3224,
    attachedAt: '2026-04-02T09:16:00+08:00',
    by: 'inspector',
    ...overrides,
  };
}

export function liveState(overrides: Partial<CaseLive> = {}): CaseLive {
  return {
    caseId: 'c-1',
    caseNo: 'JC-2026-000001',
    stage: 'field_evidence',
    priority: 'normal',
    recorded: true,
    eventSeq: 4,
    origin: 'special',
    customer: { accountNo: '4200000001', name: '武汉某餐馆', stationId: 'HB.XN.XA.WQ', countyId: 'HB.XN.XA', lat: 29.8413, lon: 114.3223 },
    policyVersion: 'policy-1',
    judgement: null,
    assignee: 'inspector',
    assignment: 'offered',
    declinedBy: [],
    pendingActor: { role: 'inspector', username: 'inspector', orgUnit: 'HB.XN.XA.WQ' },
    stageStartedAt: '2026-04-01T08:03:00Z',
    reminderAt: '2026-04-08T08:00:00Z',
    deadlineAt: '2026-04-10T08:00:00Z',
    remindedForStage: false,
    escalationTier: 0,
    escalations: [],
    checkIns: [],
    evidence: [],
    findings: null,
    needsSupervisorReview: false,
    rectification: null,
    verifications: [],
    score: null,
    closure: null,
    notes: [],
    ...overrides,
  };
}
