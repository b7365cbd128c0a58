import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ActivityFailure, ApplicationFailure } from '@temporalio/common';
import {
  acceptUpdate, attachEvidenceUpdate, checkInUpdate, getStateQuery, issueRectificationUpdate, reportRectifiedUpdate, submitFindingsUpdate, verifyUpdate,
} from '../../domain/inspectionCaseContract';
import { useTimeSkipping } from '../support/timeSkipping';
import { ACTORS, onSiteNow, photo, rejection, startCase, stubActivities, withCaseWorker } from './caseTestKit';
import { maybeRecordHistory } from './recordHistory';

// Money is computed, not typed (#17): the report says what was collected of the order's computed total, a different
// figure waits for the supervisor's confirmation, and the assessment counts the confirmed amount.

const ts = useTimeSkipping();
type Handle = Awaited<ReturnType<typeof startCase>>;

async function confirmedVisit(h: Handle) {
  await h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspector }] });
  await h.executeUpdate(checkInUpdate, { args: [{ ...(await onSiteNow(ts.env)), actor: ACTORS.inspector }] });
  for (const n of [1, 2]) await h.executeUpdate(attachEvidenceUpdate, { args: [{ ...photo(n), actor: ACTORS.inspector }] });
  await h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'confirmed', problemType: 'wrong_tariff', checklist: [], summary: '居民电价用于经营', actor: ACTORS.inspector }] });
}

// (0.83 − 0.57) × 3000 kWh × 3 months = 2340 back-billing; 2 × 2340 = 4680 penalty; 7020 in all (penalty-1996 stand-in)
const moneyOrder = {
  actions: [{ kind: 'back_billing_and_penalty' as const, penalty: { kind: 'wrong_tariff' as const, monthlyKwh: 3000, appliedPriceYuanPerKwh: 0.57, correctPriceYuanPerKwh: 0.83, detectedOn: '2016-04-12' } }],
};
const report = (extra: object) => ({ summary: '已改类并追补', ...extra, actor: ACTORS.lead });

test('a report states the amount collected within the computed total, with a receipt; a typed recovered amount is refused', async () => {
  const { activities } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await confirmedVisit(h);
    await h.executeUpdate(issueRectificationUpdate, { args: [{ ...moneyOrder, actor: ACTORS.lead }] });
    expect(await rejection(h.executeUpdate(reportRectifiedUpdate, { args: [report({ amountRecoveredYuan: 5_000_000 })] })))
      .toMatchObject({ type: 'InvalidStep', message: expect.stringContaining('amountRecoveredYuan is no longer accepted') });
    expect(await rejection(h.executeUpdate(reportRectifiedUpdate, { args: [report({})] }))).toMatchObject({ type: 'IncompleteStep', message: expect.stringContaining('7020') });
    expect(await rejection(h.executeUpdate(reportRectifiedUpdate, { args: [report({ collectedYuan: 7020.01, receiptNo: 'R1' })] }))).toMatchObject({ type: 'InvalidStep', message: expect.stringContaining('exceeds the computed 7020') });
    expect(await rejection(h.executeUpdate(reportRectifiedUpdate, { args: [report({ collectedYuan: 1e20, receiptNo: 'R1' })] }))).toMatchObject({ type: 'InvalidStep' });
    expect(await rejection(h.executeUpdate(reportRectifiedUpdate, { args: [report({ collectedYuan: 5000 })] }))).toMatchObject({ type: 'IncompleteStep', message: expect.stringContaining('receipt') });
    expect((await h.query(getStateQuery)).stage).toBe('rectification');
  });
});

test('a collected amount below the computed total passes only once the supervisor confirms it; the assessment counts that amount', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await confirmedVisit(h);
    await h.executeUpdate(issueRectificationUpdate, { args: [{ ...moneyOrder, actor: ACTORS.lead }] });
    await h.executeUpdate(reportRectifiedUpdate, { args: [report({ collectedYuan: 5000, receiptNo: 'XA-2026-0001' })] });
    expect(await rejection(h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: ACTORS.supervisor }] }))).toMatchObject({ type: 'IncompleteStep', message: expect.stringContaining('confirm it') });
    expect(await rejection(h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', confirmCollectedYuan: 7020, actor: ACTORS.supervisor }] }))).toMatchObject({ type: 'InvalidStep' });
    await h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', confirmCollectedYuan: 5000, actor: ACTORS.supervisor }] });
    const final = await h.result();
    expect(final.verifications).toEqual([expect.objectContaining({ outcome: 'pass', confirmedCollectedYuan: 5000 })]);
    expect(final.rectification?.report).toMatchObject({ collectedYuan: 5000, receiptNo: 'XA-2026-0001' });
    expect(rec.scored[0].recoveredYuan).toBe(5000);
    await maybeRecordHistory('collected-confirmed', h);
  });
});

test('collected in full: no confirmation needed, the computed total is what the assessment counts', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await confirmedVisit(h);
    await h.executeUpdate(issueRectificationUpdate, { args: [{ ...moneyOrder, actor: ACTORS.lead }] });
    await h.executeUpdate(reportRectifiedUpdate, { args: [report({ collectedYuan: 7020, receiptNo: 'XA-2026-0002' })] });
    await h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: ACTORS.supervisor }] });
    await h.result();
    expect(rec.scored[0].recoveredYuan).toBe(7020);
  });
});

test('an order without money actions takes no amount, and recovers nothing', async () => {
  const { activities, rec } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await confirmedVisit(h);
    await h.executeUpdate(issueRectificationUpdate, { args: [{ actions: [{ kind: 'meter_replacement' as const }], actor: ACTORS.lead }] });
    expect(await rejection(h.executeUpdate(reportRectifiedUpdate, { args: [report({ collectedYuan: 5_000_000, receiptNo: 'R1' })] })))
      .toMatchObject({ type: 'InvalidStep', message: expect.stringContaining('no back-billing or penalty') });
    await h.executeUpdate(reportRectifiedUpdate, { args: [report({})] });
    await h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: ACTORS.supervisor }] });
    await h.result();
    expect(rec.scored[0].recoveredYuan).toBe(0);
  });
});

test('a penalty the activity refuses (a rule set published meanwhile) fails the order, not the case: a corrected order is taken', async () => {
  const { activities } = stubActivities();
  let calls = 0;
  const computePenalty = async (input: Parameters<typeof activities.computePenalty>[0]) => {
    calls += 1;
    if (calls === 1) throw ApplicationFailure.nonRetryable('penaltyMultiplier: penalty.multiplier-above-ceiling', 'PenaltyRefused');
    return activities.computePenalty(input);
  };
  await withCaseWorker(ts.env, ts.bundle, { ...activities, computePenalty }, async (tq) => {
    const h = await startCase(ts.env, tq);
    await confirmedVisit(h);
    const failed = await h.executeUpdate(issueRectificationUpdate, { args: [{ ...moneyOrder, actor: ACTORS.lead }] }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(WorkflowUpdateFailedError);
    expect(((failed as WorkflowUpdateFailedError).cause as ActivityFailure).cause).toMatchObject({ type: 'PenaltyRefused' });
    expect(await h.query(getStateQuery)).toMatchObject({ stage: 'rectification', rectification: null });
    const s = await h.executeUpdate(issueRectificationUpdate, { args: [{ ...moneyOrder, actor: ACTORS.lead }] });
    expect(s.rectification?.computations).toHaveLength(1);
  });
});
