import crypto from 'node:crypto';
import type { WorkflowHandle } from '@temporalio/client';
import { appendCaseEvent, SnapshotBaseMissing } from '../../db/caseLog';
import type { CaseEvent, CaseSnapshot } from '../../domain/caseEvents';
import { caseSnapshotOf } from '../../domain/caseSnapshot';
import { snapshotColumns } from '../../domain/caseSnapshotDelta';
import {
  INSPECTION_CASE_WORKFLOW, acceptUpdate, addNoteUpdate, attachEvidenceUpdate, caseWorkflowId, checkInUpdate, getStateQuery, issueRectificationUpdate,
  reportRectifiedUpdate, submitFindingsUpdate, verifyUpdate, waitForStageUpdate, type Actor, type InspectionCaseInput,
} from '../../domain/inspectionCaseContract';
import { startHarness, type Harness } from '../support/harness';

// The history diet (#19) against the real worker and Postgres: events after the first send only what changed, and the
// case row (columns and the snapshot jsonb) must be what a full snapshot of the workflow's state gives, after every step.
let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 120_000);
afterAll(() => h?.stop());

const WQ = 'HB.XN.XA.WQ';
const inspector: Actor = { username: 'inspector', roles: ['inspector'], orgUnit: WQ };
const lead: Actor = { username: 'lead', roles: ['station_lead'], orgUnit: WQ };
const supervisor: Actor = { username: 'supervisor', roles: ['supervisor'], orgUnit: 'HB.XN' };
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
const iso = (d: Date | null) => (d === null ? null : d.toISOString());
const num = (v: string | number | null) => (v === null ? null : Math.round(Number(v) * 1000) / 1000);

/** The case row as the projection left it, in the snapshot's terms. */
async function row(caseId: string) {
  const r = (await h.pool.query(
    `select stage, priority, assignee, pending_role, pending_user, stage_started_at, deadline_at, deadline_provisional, escalation_tier, problem_type, needs_review,
            review_pending, presence_confidence, verification_rounds, judgement_score, score_total, closed_at, snapshot, last_event_seq
       from cases where id = $1`,
    [caseId],
  )).rows[0];
  return {
    seq: r.last_event_seq as number,
    model: {
      stage: r.stage, priority: r.priority, assignee: r.assignee, pendingRole: r.pending_role, pendingUser: r.pending_user, stageStartedAt: iso(r.stage_started_at),
      deadlineAt: iso(r.deadline_at), deadlineProvisional: r.deadline_provisional, escalationTier: r.escalation_tier, problemType: r.problem_type, needsReview: r.needs_review,
      reviewPending: r.review_pending, presenceConfidence: num(r.presence_confidence), verificationRounds: r.verification_rounds, judgementScore: num(r.judgement_score),
      scoreTotal: num(r.score_total), closedAt: iso(r.closed_at), state: r.snapshot,
    },
  };
}

/** What a full snapshot of the workflow's current state projects to. */
async function fullProjection(handle: WorkflowHandle) {
  const state = await handle.query(getStateQuery);
  const { stageRound: _r, ...c } = snapshotColumns(caseSnapshotOf(state, 0));
  const t = (s: string | null) => (s === null ? null : new Date(s).toISOString());
  return {
    seq: state.eventSeq,
    model: { ...c, stageStartedAt: t(c.stageStartedAt), deadlineAt: t(c.deadlineAt), closedAt: t(c.closedAt), presenceConfidence: num(c.presenceConfidence), judgementScore: num(c.judgementScore), scoreTotal: num(c.scoreTotal), state },
  };
}

test('a case through every stage with the diet: after each step the row equals a full projection of the workflow state; a lost base heals with a full snapshot; a retried change moves nothing', async () => {
  const caseId = crypto.randomUUID();
  const input: InspectionCaseInput = { caseId, customerAccountNo: '4210000001', origin: 'special', createdBy: 'supervisor', requestedAt: new Date().toISOString() };
  const handle = await h.client.workflow.start(INSPECTION_CASE_WORKFLOW, { taskQueue: h.config.TEMPORAL_TASK_QUEUE, workflowId: caseWorkflowId(caseId), args: [input] });
  await handle.executeUpdate(waitForStageUpdate, { args: [{ stages: ['field_evidence'] }] });
  const at = new Date().toISOString();
  const photo = (n: number) => ({ evidenceId: `${caseId}-p${n}`, kind: 'photo' as const, sha256: sha(`${caseId}-${n}`), sizeBytes: 900_000 + n, verified: true, capturedAt: at, lat: 29.8413, lon: 114.3223, actor: inspector });
  const steps: [string, () => Promise<unknown>][] = [
    ['accept', () => handle.executeUpdate(acceptUpdate, { args: [{ actor: inspector }] })],
    ['check in', () => handle.executeUpdate(checkInUpdate, { args: [{ lat: 29.8413, lon: 114.3223, accuracyM: 5, deviceTime: at, actor: inspector }] })],
    ['photo 1', () => handle.executeUpdate(attachEvidenceUpdate, { args: [photo(1)] })],
    ['photo 2', () => handle.executeUpdate(attachEvidenceUpdate, { args: [photo(2)] })],
    ['note', () => handle.executeUpdate(addNoteUpdate, { args: [{ text: '客户现场经营餐馆', actor: inspector }] })],
    ['findings', () => handle.executeUpdate(submitFindingsUpdate, { args: [{
      result: 'confirmed', problemType: 'wrong_tariff', checklist: [{ code: 'TARIFF_NATURE', passed: false }], summary: '现场为餐馆，执行居民电价',
      presence: { confidence: 0.95, weak: false, reasons: [], computedAt: at, basis: { checkIns: 1, trackPoints: 120, photos: 2, verifiedPhotos: 2 } }, actor: inspector,
    }] })],
    ['rectification issued', () => handle.executeUpdate(issueRectificationUpdate, { args: [{ actions: [{ kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: '2026-11-15' }], actor: lead }] })],
    ['rectification reported', () => handle.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '第1次整改', actor: lead }] })],
    ['verification rejected', () => handle.executeUpdate(verifyUpdate, { args: [{ outcome: 'reject', reason: '电价未变更', actor: supervisor }] })],
    ['rectification reported again', () => handle.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '第2次整改', tariffChangedOn: '2026-11-15', actor: lead }] })],
  ];
  let healedAt = 0;
  for (const [name, step] of steps) {
    if (name === 'rectification issued') {
      // the row loses its state (say, a repair wrote it back to the opening's '{}'): the next change cannot apply
      await h.pool.query(`update cases set snapshot = '{}'::jsonb where id = $1`, [caseId]);
      healedAt = (await row(caseId)).seq + 1;
    }
    await step();
    expect({ step: name, ...(await row(caseId)) }).toEqual({ step: name, ...(await fullProjection(handle)) });
  }
  await handle.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: supervisor }] });
  const final = await handle.result();
  expect(final.stage).toBe('closed');
  expect(await row(caseId)).toEqual(await fullProjection(handle));

  // in the history: the healed event went as a change, was refused, and went again whole; the others once each
  const history = await handle.fetchHistory();
  const sent = (history.events ?? []).map((e) => e.activityTaskScheduledEventAttributes).filter((a) => a?.activityType?.name === 'recordCaseEvent')
    .map((a) => a!.input!.payloads!.map((p) => JSON.parse(Buffer.from(p.data!).toString('utf8'))) as [CaseEvent, { kind?: string } | undefined]);
  const kindsAt = (seq: number) => sent.filter(([e]) => e.seq === seq).map(([, s]) => (s?.kind === 'delta' ? 'delta' : 'full'));
  expect(kindsAt(healedAt)).toEqual(['delta', 'full']);
  expect(kindsAt(healedAt + 1)).toEqual(['delta']);
  expect(kindsAt(final.eventSeq)).toEqual(['full']);
  // whole snapshots: the first event after the opening (judged), the healed one and the closing; every other a change
  expect(sent.filter(([, s]) => s?.kind !== 'delta').map(([e]) => e.seq)).toEqual([2, healedAt, final.eventSeq]);

  // an activity retried after its write committed: the change finds its seq recorded and moves nothing, not even an older one
  const before = await row(caseId);
  const [lastEvent] = sent.at(-1)!;
  const [earlier, earlierChange] = sent.find(([e, s]) => e.seq === healedAt + 1 && s?.kind === 'delta')!;
  expect((await appendCaseEvent(h.pool, lastEvent, { kind: 'delta', columns: { stage: 'rectification', stageRound: 1, escalationTier: 0 }, state: { set: { stage: 'rectification' }, removed: ['score'] } })).inserted).toBe(false);
  expect((await appendCaseEvent(h.pool, earlier, earlierChange as never)).inserted).toBe(false);
  expect(await row(caseId)).toEqual(before);
});

test('the projection of a change: changed columns set, state keys merged and removed ones dropped; no change onto a row without state', async () => {
  const id = crypto.randomUUID();
  const ev = (seq: number, type: string): CaseEvent => ({ caseId: id, seq, type, stage: 'field_evidence', actor: 'test', payload: {}, occurredAt: new Date(Date.UTC(2026, 10, 1, 0, seq)).toISOString() });
  await appendCaseEvent(h.pool, ev(1, 'opened'), undefined, {
    id, workflowId: `case-${id}`, customerAccountNo: '4210000010', origin: 'custom', priority: 'normal', note: null, createdBy: 'test', createdAt: new Date().toISOString(), campaignId: null,
  });
  const change = { kind: 'delta' as const, columns: { stage: 'field_evidence' as const, stageRound: 1, escalationTier: 0, assignee: 'inspector-b' }, state: { set: { assignment: 'offered' }, removed: ['review'] } };
  await expect(appendCaseEvent(h.pool, ev(2, 'assigned'), change)).rejects.toBeInstanceOf(SnapshotBaseMissing);
  const full: CaseSnapshot = {
    stage: 'field_evidence', stageRound: 1, priority: 'high', assignee: 'inspector', pendingRole: 'inspector', pendingUser: 'inspector', stageStartedAt: null, deadlineAt: null,
    escalationTier: 0, problemType: null, needsReview: false, verificationRounds: 0, judgementScore: 40, scoreTotal: null, closedAt: null,
    state: { assignment: 'none', review: { status: 'pending' }, notes: ['a'] },
  };
  await appendCaseEvent(h.pool, ev(2, 'judged'), full);
  await appendCaseEvent(h.pool, ev(3, 'assigned'), change);
  const r = (await h.pool.query('select assignee, priority, judgement_score, snapshot, last_event_seq from cases where id = $1', [id])).rows[0];
  expect(r).toEqual({ assignee: 'inspector-b', priority: 'high', judgement_score: 40, snapshot: { assignment: 'offered', notes: ['a'] }, last_event_seq: 3 });
});
