import {
  getStateQuery, acceptUpdate, checkInUpdate, attachEvidenceUpdate, submitFindingsUpdate, decideReviewUpdate, issueRectificationUpdate, waitForStageUpdate,
} from '../../domain/inspectionCaseContract';
import { reason, verdictOf, type PresenceVerdict } from '../../domain/presenceReasons';
import { useTimeSkipping } from '../support/timeSkipping';
import { ACTORS, CUSTOMER, onSiteNow, photo, startCase, stubActivities, withCaseWorker, rejection } from './caseTestKit';

// Proof of presence in the case workflow (#15): provable check-ins, the server's verdict with the findings, and the
// supervisors' review (疑似虚假工单) that holds the rectification order and the scoring until it is decided.

const ts = useTimeSkipping();
type Handle = Awaited<ReturnType<typeof startCase>>;

const basis = { checkIns: 1, trackPoints: 0, photos: 2, verifiedPhotos: 2 };
const weakVerdict = (): PresenceVerdict => verdictOf([reason('track.none'), reason('track.sparse', { points: 0, required: 5 })], basis, new Date().toISOString());
const strongVerdict = (): PresenceVerdict => verdictOf([], { ...basis, trackPoints: 40 }, new Date().toISOString());
const order = { actions: [{ kind: 'tariff_reclassification' as const, fromCategory: 'residential', toCategory: 'commercial', effectiveDate: '2016-04-15' }] };
const confirmed = { result: 'confirmed' as const, problemType: 'wrong_tariff' as const, checklist: [], summary: '现场为餐馆，执行居民电价' };

/** Accept, check in at the door on the workflow's clock, attach two verified photos. */
async function visit(h: Handle) {
  const s = await h.query(getStateQuery);
  if (s.assignment !== 'accepted') await h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspector }] });
  await h.executeUpdate(checkInUpdate, { args: [{ ...(await onSiteNow(ts.env)), actor: ACTORS.inspector }] });
  await h.executeUpdate(attachEvidenceUpdate, { args: [{ ...photo(1), actor: ACTORS.inspector }] });
  await h.executeUpdate(attachEvidenceUpdate, { args: [{ ...photo(2), actor: ACTORS.inspector }] });
}

test('a check-in with accuracy 3000 m at 0 m is not inside; nor is one from a device clock off by more than the tolerance', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspector }] });
    const now = await ts.env.currentTimeMs();
    const wide = await h.executeUpdate(checkInUpdate, { args: [{ lat: CUSTOMER.lat, lon: CUSTOMER.lon, accuracyM: 3000, deviceTime: new Date(now).toISOString(), actor: ACTORS.inspector }] });
    expect(wide).toMatchObject({ distanceM: 0, accuracyM: 3000, insideGeofence: false });
    const skewed = await h.executeUpdate(checkInUpdate, { args: [{ lat: CUSTOMER.lat, lon: CUSTOMER.lon, accuracyM: 5, deviceTime: new Date(now + 2 * 3600_000).toISOString(), actor: ACTORS.inspector }] });
    expect(skewed.insideGeofence).toBe(false);
    expect(skewed.clockSkewS).toBeGreaterThan(7000);
    const fine = await h.executeUpdate(checkInUpdate, { args: [{ lat: CUSTOMER.lat, lon: CUSTOMER.lon, accuracyM: 5, deviceTime: new Date(now + 60_000).toISOString(), signals: { source: 'gps', mockLocation: false }, actor: ACTORS.inspector }] });
    expect(fine).toMatchObject({ insideGeofence: true, signals: { source: 'gps', mockLocation: false } });
    expect(Math.abs(fine.clockSkewS! - 60)).toBeLessThan(30);
    // the case log records the tolerance the check-in was judged by
    expect(rec.events.filter((e) => e.type === 'checked_in').at(-1)?.payload).toMatchObject({ radiusM: 200, clockToleranceS: 300, insideGeofence: true });
    const s = await h.query(getStateQuery);
    expect(s.checkIns.map((c) => c.insideGeofence)).toEqual([false, false, true]);
  });
});

test('a weak verdict without a justification is refused; with one the case is on review: no order until a supervisor clears it', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await visit(h);
    const refused = await rejection(h.executeUpdate(submitFindingsUpdate, { args: [{ ...confirmed, presence: weakVerdict(), actor: ACTORS.inspector }] }));
    expect(refused.type).toBe('PresenceWeak');
    expect(refused.message).toMatch(/track\.none/);
    expect((await h.query(getStateQuery)).findings).toBeNull();

    let s = await h.executeUpdate(submitFindingsUpdate, { args: [{ ...confirmed, justification: '终端定位故障，轨迹未记录', presence: weakVerdict(), actor: ACTORS.inspector }] });
    expect(s).toMatchObject({
      stage: 'rectification', needsSupervisorReview: true,
      review: { status: 'pending', reasons: [expect.objectContaining({ code: 'track.none' }), expect.objectContaining({ code: 'track.sparse' })], justification: '终端定位故障，轨迹未记录', decidedAt: null },
      findings: { presence: { weak: true } },
    });
    expect(rec.snapshots.at(-1)).toMatchObject({ reviewPending: true, presenceConfidence: s.findings!.presence!.confidence });

    const held = await rejection(h.executeUpdate(issueRectificationUpdate, { args: [{ ...order, actor: ACTORS.lead }] }));
    expect(held.type).toBe('UnderReview');
    const notYours = await rejection(h.executeUpdate(decideReviewUpdate, { args: [{ decision: 'clear', note: '轨迹缺失已核实', actor: ACTORS.lead }] }));
    expect(notYours.type).toBe('WrongActor');
    const shortNote = await rejection(h.executeUpdate(decideReviewUpdate, { args: [{ decision: 'clear', note: '好', actor: ACTORS.supervisor }] }));
    expect(shortNote.type).toBe('InvalidStep');

    s = await h.executeUpdate(decideReviewUpdate, { args: [{ decision: 'clear', note: '已电话核实客户，现场属实', actor: ACTORS.supervisor }] });
    expect(s.review).toMatchObject({ status: 'cleared', decidedBy: 'supervisor', note: '已电话核实客户，现场属实' });
    expect(rec.events.at(-1)).toMatchObject({ type: 'review_decided', payload: { decision: 'clear', reasons: ['track.none', 'track.sparse'] } });
    expect(rec.snapshots.at(-1)).toMatchObject({ reviewPending: false });
    const again = await rejection(h.executeUpdate(decideReviewUpdate, { args: [{ decision: 'return', note: '再次复核一下', actor: ACTORS.supervisor }] }));
    expect(again.type).toBe('WrongStage');

    s = await h.executeUpdate(issueRectificationUpdate, { args: [{ ...order, actor: ACTORS.lead }] });
    expect(s.rectification).toMatchObject({ issuedBy: 'lead', round: 1 });
  });
});

test('evidence complete and a strong verdict pass without a justification and put nothing on review', async () => {
  const { activities } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await visit(h);
    const s = await h.executeUpdate(submitFindingsUpdate, { args: [{ ...confirmed, presence: strongVerdict(), actor: ACTORS.inspector }] });
    expect(s).toMatchObject({ stage: 'rectification', needsSupervisorReview: false, review: null, findings: { presence: { weak: false, confidence: 1 } } });
    expect((await h.executeUpdate(issueRectificationUpdate, { args: [{ ...order, actor: ACTORS.lead }] })).rectification).not.toBeNull();
  });
});

test('return: the case goes back to field evidence for the same inspector with empty check-ins and evidence, the old visit kept', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await visit(h);
    await h.executeUpdate(submitFindingsUpdate, { args: [{ ...confirmed, justification: '终端定位故障，轨迹未记录', presence: weakVerdict(), actor: ACTORS.inspector }] });
    let s = await h.executeUpdate(decideReviewUpdate, { args: [{ decision: 'return', note: '照片与轨迹不符，请重新现场核查', actor: ACTORS.manager }] });
    expect(s).toMatchObject({
      stage: 'field_evidence', assignee: 'inspector', assignment: 'accepted', checkIns: [], evidence: [], findings: null, needsSupervisorReview: false,
      pendingActor: { role: 'inspector', username: 'inspector' }, review: { status: 'returned', decidedBy: 'manager' },
    });
    expect(s.returnedVisits).toHaveLength(1);
    expect(s.returnedVisits![0]).toMatchObject({ returnedBy: 'manager', findings: { result: 'confirmed', presence: { weak: true } } });
    expect(s.returnedVisits![0].checkIns).toHaveLength(1);
    expect(s.returnedVisits![0].evidence).toHaveLength(2);
    expect(rec.events.at(-1)).toMatchObject({ type: 'review_decided', payload: { decision: 'return' } });
    // no order on a returned visit, and the findings need a new visit's evidence
    expect((await rejection(h.executeUpdate(issueRectificationUpdate, { args: [{ ...order, actor: ACTORS.lead }] }))).type).toBe('WrongStage');
    const noEvidence = await rejection(h.executeUpdate(submitFindingsUpdate, { args: [{ ...confirmed, presence: strongVerdict(), actor: ACTORS.inspector }] }));
    expect(noEvidence.type).toBe('IncompleteStep');
    // the new visit, honest this time
    await visit(h);
    s = await h.executeUpdate(submitFindingsUpdate, { args: [{ ...confirmed, presence: strongVerdict(), actor: ACTORS.inspector }] });
    expect(s).toMatchObject({ stage: 'rectification', review: null, needsSupervisorReview: false });
  });
});

test('a not-confirmed visit with a weak verdict waits at assessment until it is cleared, then is scored and closed', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await visit(h);
    const s = await h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'not_confirmed', checklist: [], summary: '未发现异常', justification: '客户不在家，院外核查', presence: weakVerdict(), actor: ACTORS.inspector }] });
    expect(s).toMatchObject({ stage: 'assessment', review: { status: 'pending' } });
    // days pass: nothing scores or closes the case while the review is pending
    await ts.env.sleep('3 days');
    const waiting = await h.query(getStateQuery);
    expect(waiting).toMatchObject({ stage: 'assessment', score: null, closure: null });
    expect(rec.scored).toEqual([]);
    await h.executeUpdate(decideReviewUpdate, { args: [{ decision: 'clear', note: '电话回访客户，确认已上门', actor: ACTORS.supervisor }] });
    const final = await h.result();
    expect(final).toMatchObject({ stage: 'closed', review: { status: 'cleared' } });
    expect(rec.scored).toEqual([expect.objectContaining({ outcome: 'not_confirmed', evidenceComplete: false })]);
  });
});

test('a not-confirmed visit returned from assessment is visited again and only then scored', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await visit(h);
    await h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'not_confirmed', checklist: [], summary: '未发现异常', justification: '客户不在家，院外核查', presence: weakVerdict(), actor: ACTORS.inspector }] });
    const back = await h.executeUpdate(decideReviewUpdate, { args: [{ decision: 'return', note: '无轨迹，请重新核查', actor: ACTORS.supervisor }] });
    expect(back.stage).toBe('field_evidence');
    expect(rec.scored).toEqual([]);
    await visit(h);
    await h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'not_confirmed', checklist: [], summary: '复查未发现异常', presence: strongVerdict(), actor: ACTORS.inspector }] });
    const final = await h.executeUpdate(waitForStageUpdate, { args: [{ stages: ['closed'] }] });
    expect(final.stage).toBe('closed');
    expect(rec.scored).toEqual([expect.objectContaining({ outcome: 'not_confirmed', evidenceComplete: true })]);
  });
});
