import { getStateQuery, acceptUpdate, checkInUpdate, attachEvidenceUpdate, submitFindingsUpdate, issueRectificationUpdate, reportRectifiedUpdate, verifyUpdate, dismissUpdate, reassignUpdate, assignUpdate, declineUpdate, cancelUpdate, addNoteUpdate } from '../../domain/inspectionCaseContract';
import { useTimeSkipping } from '../support/timeSkipping';
import { ACTORS, farAway, onSite, onSiteNow, photo, startCase, stubActivities, withCaseWorker, rejection } from './caseTestKit';
import { maybeRecordHistory } from './recordHistory';

const ts = useTimeSkipping();

type Handle = Awaited<ReturnType<typeof startCase>>;

async function fieldVisit(h: Handle, findings: Parameters<typeof submitFindingsUpdate extends never ? never : (x: object) => void>[0]) {
  await h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspector }] });
  await h.executeUpdate(checkInUpdate, { args: [{ ...(await onSiteNow(ts.env)), actor: ACTORS.inspector }] });
  await h.executeUpdate(attachEvidenceUpdate, { args: [{ ...photo(1), actor: ACTORS.inspector }] });
  await h.executeUpdate(attachEvidenceUpdate, { args: [{ ...photo(2), actor: ACTORS.inspector }] });
  return h.executeUpdate(submitFindingsUpdate, { args: [{ checklist: [{ code: 'TARIFF_NATURE', passed: false }], summary: '现场为餐馆，执行居民电价', ...findings, actor: ACTORS.inspector } as never] });
}

const wrongTariffOrder = {
  actions: [
    { kind: 'tariff_reclassification' as const, fromCategory: 'residential', toCategory: 'commercial', effectiveDate: '2016-04-15' },
    { kind: 'back_billing_and_penalty' as const, penalty: { kind: 'wrong_tariff' as const, monthlyKwh: 3000, appliedPriceYuanPerKwh: 0.57, correctPriceYuanPerKwh: 0.83, detectedOn: '2016-04-12' } },
  ],
};

test('happy path: confirmed wrong tariff → rectification with computed penalty → verification passes → scored and closed', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    let s = await h.query(getStateQuery);
    expect(s).toMatchObject({ stage: 'field_evidence', assignee: 'inspector', assignment: 'offered', priority: 'normal', caseNo: 'JC-2026-000042' });
    expect(s.judgement?.score).toBe(70);

    s = await fieldVisit(h, { result: 'confirmed', problemType: 'wrong_tariff' });
    expect(s).toMatchObject({ stage: 'rectification', needsSupervisorReview: false, pendingActor: { role: 'station_lead', username: 'lead' } });

    s = await h.executeUpdate(issueRectificationUpdate, { args: [{ ...wrongTariffOrder, actor: ACTORS.lead }] });
    const comp = s.rectification!.computations[0];
    // (0.83 − 0.57) × 3000 kWh × 3 months (start unknown → default) = 2340; penalty 2 × 2340
    expect(comp).toMatchObject({ ruleSetVersion: 'penalty-1996', backBillingYuan: 2340, penaltyYuan: 4680, usedDefaultPeriod: true });
    expect(comp.formula).toContain('× 3 months');

    s = await h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '4月15日改为商业电价；4月21日追补违约使用电费', tariffChangedOn: '2016-04-15', collectedYuan: 7020, receiptNo: 'XA-2016-0421', actor: ACTORS.lead }] });
    expect(s).toMatchObject({ stage: 'verification', pendingActor: { role: 'supervisor' } });

    await h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: ACTORS.supervisor }] });
    const final = await h.result();
    expect(final.stage).toBe('closed');
    expect(final.closure).toMatchObject({ kind: 'closed' });
    expect(final.score?.ruleSetVersion).toBe('builtin-0');
    expect(rec.scored[0]).toMatchObject({ outcome: 'confirmed', inspector: 'inspector', verificationRounds: 1, recoveredYuan: 7020, evidenceComplete: true, fieldLateDays: 0 });
    expect(rec.events.map((e) => e.seq)).toEqual(rec.events.map((_, i) => i + 1));
    expect(rec.events.map((e) => e.type)).toEqual([
      'opened', 'judged', 'stage_entered', 'accepted', 'checked_in', 'evidence_attached', 'evidence_attached', 'findings_submitted',
      'rectification_issued', 'rectification_reported', 'verified', 'stage_entered', 'scored', 'closed',
    ]);
    // the score in the hash-chained log: what the scoring activity answered, right before closing
    expect(rec.events.at(-2)!.payload).toEqual({ ruleSetVersion: final.score!.ruleSetVersion, lines: final.score!.lines, total: final.score!.total });
    expect(rec.events.at(-2)!.stage).toBe('assessment');
    expect(rec.snapshots.at(-1)).toMatchObject({ stage: 'closed', scoreTotal: final.score!.total, verificationRounds: 1, problemType: 'wrong_tariff' });
    await maybeRecordHistory('happy-path', h);
  });
});

test('not confirmed → scored and closed without rectification', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await fieldVisit(h, { result: 'not_confirmed' });
    const final = await h.result();
    expect(final).toMatchObject({ stage: 'closed', rectification: null, verifications: [] });
    expect(rec.scored).toEqual([expect.objectContaining({ outcome: 'not_confirmed', rectificationLateDays: null })]);
    await maybeRecordHistory('not-confirmed', h);
  });
});

test('verification rejected twice, then passed: rounds are counted and each rejection reopens rectification', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await fieldVisit(h, { result: 'confirmed', problemType: 'wrong_tariff' });
    await h.executeUpdate(issueRectificationUpdate, { args: [{ ...wrongTariffOrder, actor: ACTORS.lead }] });
    for (const n of [1, 2]) {
      await h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: `第${n}次整改`, collectedYuan: 0, actor: ACTORS.lead }] });
      const s = await h.executeUpdate(verifyUpdate, { args: [{ outcome: 'reject', reason: `电价未变更 (${n})`, newDeadlineWorkingDays: 3, actor: ACTORS.supervisor }] });
      expect(s).toMatchObject({ stage: 'rectification', rectification: { round: n + 1, report: null }, pendingActor: { username: 'lead' } });
    }
    const noReason = await rejection(h.executeUpdate(verifyUpdate, { args: [{ outcome: 'reject', actor: ACTORS.supervisor }] }));
    expect(noReason.type).toBe('WrongStage'); // at rectification, not verification
    await h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '第3次整改', collectedYuan: 7020, receiptNo: 'XA-2016-0421', actor: ACTORS.lead }] });
    await h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: ACTORS.supervisor }] });
    const final = await h.result();
    expect(final.verifications.map((v: { outcome: string }) => v.outcome)).toEqual(['reject', 'reject', 'pass']);
    expect(final.rectification?.round).toBe(3);
    expect(rec.scored[0].verificationRounds).toBe(3);
    expect(final.score?.lines.find((l: { item: string }) => l.item === 'verification_rounds')?.points).toBe(-2);
    await maybeRecordHistory('verification-rejected-twice', h);
  });
});

test('a supervisor dismisses the case at field evidence with a reason; an inspector may not', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    const denied = await rejection(h.executeUpdate(dismissUpdate, { args: [{ reason: '重复工单', actor: ACTORS.inspector }] }));
    expect(denied).toEqual({ type: 'WrongActor', message: 'Dismissal needs one of the roles supervisor.' });
    await h.executeUpdate(dismissUpdate, { args: [{ reason: '与 JC-2026-000041 重复', actor: ACTORS.supervisor }] });
    const final = await h.result();
    expect(final).toMatchObject({ stage: 'dismissed', closure: { kind: 'dismissed', by: 'supervisor', reason: '与 JC-2026-000041 重复' }, score: null });
    expect(rec.events.at(-1)?.type).toBe('dismissed');
    await maybeRecordHistory('dismissed', h);
  });
});

test('reassignment at field evidence and at rectification; decline offers the next inspector', async () => {
  const { activities } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    let s = await h.executeUpdate(declineUpdate, { args: [{ reason: '本周在外培训', actor: ACTORS.inspector }] });
    expect(s).toMatchObject({ assignee: 'inspector-b', assignment: 'offered', declinedBy: ['inspector'] });
    s = await h.executeUpdate(reassignUpdate, { args: [{ to: 'inspector', actor: ACTORS.lead }] });
    expect(s).toMatchObject({ assignee: 'inspector', assignment: 'offered' });
    const notInspector = await rejection(h.executeUpdate(reassignUpdate, { args: [{ to: 'lead-b', actor: ACTORS.lead }] }));
    expect(notInspector).toEqual({ type: 'InvalidStep', message: 'lead-b is not an inspector of station HB.XN.XA.WQ.' });
    await fieldVisit(h, { result: 'confirmed', problemType: 'wrong_tariff' });
    await h.executeUpdate(issueRectificationUpdate, { args: [{ ...wrongTariffOrder, actor: ACTORS.lead }] });
    s = await h.executeUpdate(reassignUpdate, { args: [{ to: 'lead-b', actor: ACTORS.supervisor }] });
    expect(s).toMatchObject({ rectification: { owner: 'lead-b' }, pendingActor: { role: 'station_lead', username: 'lead-b' } });
    const oldOwner = await rejection(h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '已整改', collectedYuan: 7020, receiptNo: 'R1', actor: ACTORS.lead }] }));
    expect(oldOwner.type).toBe('WrongActor');
    s = await h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '已整改', collectedYuan: 7020, receiptNo: 'R1', actor: ACTORS.leadB }] });
    expect(s.stage).toBe('verification');
    await h.executeUpdate(cancelUpdate, { args: [{ reason: '测试结束', actor: ACTORS.manager }] });
    expect((await h.result()).stage).toBe('cancelled');
    await maybeRecordHistory('reassigned-then-cancelled', h);
  });
});

test('invalid updates are rejected with a readable reason and change nothing', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    const before = await h.query(getStateQuery);
    const eventsBefore = rec.events.length;
    const cases: [Promise<unknown>, { type: string; message: string | RegExp }][] = [
      [h.executeUpdate(checkInUpdate, { args: [{ ...onSite, actor: ACTORS.inspector }] }), { type: 'WrongStage', message: 'Check-in: accept the assignment first.' }],
      [h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspectorB }] }), { type: 'WrongActor', message: 'Accepting is for the assigned inspector (inspector), not inspector-b.' }],
      [h.executeUpdate(assignUpdate, { args: [{ inspector: 'inspector-b', actor: ACTORS.outsider }] }), { type: 'WrongActor', message: /needs one of the roles station_lead, supervisor/ }],
      [h.executeUpdate(assignUpdate, { args: [{ inspector: 'inspector-b', actor: { ...ACTORS.lead, orgUnit: 'HB.XN.JY.YY' } }] }), { type: 'WrongActor', message: 'lead (HB.XN.JY.YY) is outside this case\'s unit HB.XN.XA.WQ.' }],
      [h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: ACTORS.supervisor }] }), { type: 'WrongStage', message: /Verification is not possible while the case is at field evidence/ }],
      [h.executeUpdate(addNoteUpdate, { args: [{ text: '', actor: ACTORS.lead }] }), { type: 'InvalidStep', message: /text: Too small/ }],
    ];
    for (const [p, want] of cases) {
      const got = await rejection(p);
      expect(got.type).toBe(want.type);
      if (typeof want.message === 'string') expect(got.message).toBe(want.message);
      else expect(got.message).toMatch(want.message);
    }
    // evidence rule: an 812 m check-in and one photo are not enough without a justification
    await h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspector }] });
    await h.executeUpdate(checkInUpdate, { args: [{ ...farAway, actor: ACTORS.inspector }] });
    await h.executeUpdate(attachEvidenceUpdate, { args: [{ ...photo(1), actor: ACTORS.inspector }] });
    const stateMid = await h.query(getStateQuery);
    expect(stateMid.checkIns[0]).toMatchObject({ insideGeofence: false });
    expect(stateMid.checkIns[0].distanceM).toBeGreaterThan(800);
    const incomplete = await rejection(h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'confirmed', problemType: 'theft', checklist: [], summary: '表箱封印破损', actor: ACTORS.inspector }] }));
    expect(incomplete.type).toBe('IncompleteStep');
    expect(incomplete.message).toMatch(/^Evidence incomplete: 1 verified photo\(s\); at least 2 needed; check-in is 8\d\d m from the customer; limit 200 m\./);
    const noType = await rejection(h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'confirmed', checklist: [], summary: '问题属实', justification: '客户拒绝拍照，已录音', actor: ACTORS.inspector }] }));
    expect(noType).toEqual({ type: 'IncompleteStep', message: 'A confirmed problem needs its type (problemType).' });
    const after = await h.query(getStateQuery);
    expect(after.stage).toBe('field_evidence');
    expect(after.findings).toBeNull();
    expect(after.eventSeq).toBe(before.eventSeq + 3); // only the three accepted steps
    expect(rec.events.length).toBe(eventsBefore + 3);
    // with a justification the same findings pass and flag the case for supervisor review
    const s = await h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'confirmed', problemType: 'theft', checklist: [], summary: '表箱封印破损', justification: '客户拒绝入户，在院外核查', actor: ACTORS.inspector }] });
    expect(s).toMatchObject({ stage: 'rectification', needsSupervisorReview: true });
    await h.executeUpdate(cancelUpdate, { args: [{ reason: '测试结束', actor: ACTORS.supervisor }] });
    await h.result();
  });
});
