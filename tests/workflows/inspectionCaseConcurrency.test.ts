import { WorkflowUpdateFailedError } from '@temporalio/client';
import {
  acceptUpdate, attachEvidenceUpdate, cancelUpdate, checkInUpdate, declineUpdate, issueRectificationUpdate, reportRectifiedUpdate,
  submitFindingsUpdate, verifyUpdate,
} from '../../domain/inspectionCaseContract';
import { computePenalty, type PenaltyInput } from '../../domain/penalty';
import { useTimeSkipping } from '../support/timeSkipping';
import { ACTORS, PENALTY_1996, onSiteNow, photo, startCase, stubActivities, withCaseWorker } from './caseTestKit';

// Two people take the same step at the same moment. The first step's handler awaits an activity (held open here by a
// gate) before it changes the case; the second Update arrives during that await. Exactly one step may take effect;
// the other is refused with a reason a person can read.
const ts = useTimeSkipping();

type Handle = Awaited<ReturnType<typeof startCase>>;

/** An activity stand-in that waits for the test to open it, counting its calls. */
function gated<A extends unknown[], R>(fn: (...args: A) => Promise<R> | R) {
  let open!: () => void;
  const gate = new Promise<void>((r) => { open = r; });
  const state = { calls: 0 };
  const activity = async (...args: A): Promise<R> => {
    state.calls += 1;
    await gate;
    return fn(...args);
  };
  return { activity, open, state };
}

async function until(what: string, ok: () => boolean, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

type Outcome = { ok: true; value: unknown } | { ok: false; type?: string; message: string; refusal?: { code: string; params: Record<string, unknown> } };
function settle(p: Promise<unknown>) {
  const box: { outcome: Outcome | null; done: Promise<Outcome> } = { outcome: null, done: null as never };
  box.done = p.then(
    (value): Outcome => (box.outcome = { ok: true, value }),
    (e: unknown): Outcome => {
      if (!(e instanceof WorkflowUpdateFailedError)) throw e;
      const cause = e.cause as { type?: string; message: string; details?: unknown[] };
      return (box.outcome = { ok: false, type: cause.type, message: cause.message, refusal: cause.details?.[0] as { code: string; params: Record<string, unknown> } });
    },
  );
  return box;
}

/**
 * Sends `first`, waits until its activity is held, then sends `second` and lets the activity go once the second is
 * answered (refused, as it must be) or has reached the activity too (the old, unguarded code).
 */
async function race(gate: { open(): void; state: { calls: number } }, first: () => Promise<unknown>, second: () => Promise<unknown>) {
  const a = settle(first());
  await until('the first step to reach its activity', () => gate.state.calls === 1);
  const b = settle(second());
  await until('the second step to be answered', () => b.outcome !== null || gate.state.calls > 1);
  gate.open();
  return [await a.done, await b.done] as const;
}

async function fieldVisitConfirmed(h: Handle) {
  await h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspector }] });
  await h.executeUpdate(checkInUpdate, { args: [{ ...(await onSiteNow(ts.env)), actor: ACTORS.inspector }] });
  for (const n of [1, 2]) await h.executeUpdate(attachEvidenceUpdate, { args: [{ ...photo(n), actor: ACTORS.inspector }] });
  await h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'confirmed', problemType: 'wrong_tariff', checklist: [], summary: '居民电价用于经营', actor: ACTORS.inspector }] });
}

const order = {
  actions: [{ kind: 'back_billing_and_penalty' as const, penalty: { kind: 'wrong_tariff' as const, monthlyKwh: 3000, appliedPriceYuanPerKwh: 0.57, correctPriceYuanPerKwh: 0.83, detectedOn: '2016-04-12' } }],
};

test('two concurrent "issue rectification" steps: one order, one readable refusal', async () => {
  const { activities, rec } = stubActivities();
  const penalty = gated((input: PenaltyInput) => computePenalty(PENALTY_1996, input));
  await withCaseWorker(ts.env, ts.bundle, { ...activities, computePenalty: penalty.activity }, async (tq) => {
    const h = await startCase(ts.env, tq);
    await fieldVisitConfirmed(h);
    const [first, second] = await race(
      penalty,
      () => h.executeUpdate(issueRectificationUpdate, { args: [{ ...order, actor: ACTORS.lead }] }),
      () => h.executeUpdate(issueRectificationUpdate, { args: [{ ...order, owner: 'lead-b', actor: ACTORS.supervisor }] }),
    );
    expect(first).toMatchObject({ ok: true, value: { rectification: { owner: 'lead', issuedBy: 'lead' } } });
    expect(second).toMatchObject({ ok: false, type: 'StepInProgress' });
    expect(second.ok === false && second.message).toBe(
      'Issuing a rectification order must wait: another step is in progress (lead: issuing a rectification order); try again in a moment.',
    );
    // the API renders the code and its params in the caller's language (domain/messages)
    expect(second.ok === false && second.refusal).toEqual({ code: 'case-step.busy', params: { step: 'rectification', busy: 'rectification', by: 'lead' } });
    expect(penalty.state.calls).toBe(1);
    expect(rec.events.filter((e) => e.type === 'rectification_issued')).toHaveLength(1);
    // once the first step is done the case takes steps again
    const s = await h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '已改类并追补', collectedYuan: 7020, receiptNo: 'R1', actor: ACTORS.lead }] });
    expect(s.stage).toBe('verification');
    await h.executeUpdate(cancelUpdate, { args: [{ reason: '测试结束', actor: ACTORS.supervisor }] });
    await h.result();
  });
});

test('two concurrent "decline" steps: one decline, one readable refusal', async () => {
  const { activities, rec, ctx } = stubActivities({ inspectors: ['inspector', 'inspector-b', 'inspector-c'] });
  const pick = gated((_station: string, exclude: string[]) => ctx.inspectors.find((i) => !exclude.includes(i)) ?? null);
  // the opening picks an inspector too: let it through, then gate the decline's pick
  let opening = true;
  const pickInspector = (station: string, exclude: string[]) => (opening ? activities.pickInspector(station, exclude) : pick.activity(station, exclude));
  await withCaseWorker(ts.env, ts.bundle, { ...activities, pickInspector }, async (tq) => {
    const h = await startCase(ts.env, tq);
    opening = false;
    const [first, second] = await race(
      pick,
      () => h.executeUpdate(declineUpdate, { args: [{ reason: '本周在外培训', actor: ACTORS.inspector }] }),
      () => h.executeUpdate(declineUpdate, { args: [{ reason: '重复点击', actor: ACTORS.inspector }] }),
    );
    expect(first).toMatchObject({ ok: true, value: { assignee: 'inspector-b', assignment: 'offered', declinedBy: ['inspector'] } });
    expect(second).toMatchObject({ ok: false, type: 'StepInProgress' });
    expect(second.ok === false && second.message).toMatch(/^Declining must wait: another step is in progress \(inspector: declining\)/);
    expect(pick.state.calls).toBe(1);
    expect(rec.events.filter((e) => e.type === 'declined')).toHaveLength(1);
    await h.executeUpdate(cancelUpdate, { args: [{ reason: '测试结束', actor: ACTORS.supervisor }] });
    expect((await h.result()).declinedBy).toEqual(['inspector']);
  });
});

// verify changes the case before its first await, so the second verify already meets the new stage: a regression guard.
test('two concurrent "verify" steps: one verification round, one readable refusal', async () => {
  const { activities, rec } = stubActivities();
  const recordVerified = gated(activities.recordCaseEvent);
  const recordCaseEvent: typeof activities.recordCaseEvent = (e, s) => (e.type === 'verified' ? recordVerified.activity(e, s) : activities.recordCaseEvent(e, s));
  await withCaseWorker(ts.env, ts.bundle, { ...activities, recordCaseEvent }, async (tq) => {
    const h = await startCase(ts.env, tq);
    await fieldVisitConfirmed(h);
    await h.executeUpdate(issueRectificationUpdate, { args: [{ ...order, actor: ACTORS.lead }] });
    await h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '已改类并追补', collectedYuan: 7020, receiptNo: 'R1', actor: ACTORS.lead }] });
    const [first, second] = await race(
      recordVerified,
      () => h.executeUpdate(verifyUpdate, { args: [{ outcome: 'reject', reason: '电价未变更', actor: ACTORS.supervisor }] }),
      () => h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: { ...ACTORS.supervisor, username: 'supervisor-b' } }] }),
    );
    expect(first).toMatchObject({ ok: true, value: { stage: 'rectification', verifications: [{ round: 1, outcome: 'reject' }] } });
    expect(second).toMatchObject({ ok: false, type: 'WrongStage' });
    expect(second.ok === false && second.message).toBe('Verification is not possible while the case is at rectification (督办整改); it needs verification (复核).');
    expect(recordVerified.state.calls).toBe(1);
    expect(rec.events.filter((e) => e.type === 'verified')).toHaveLength(1);
    await h.executeUpdate(cancelUpdate, { args: [{ reason: '测试结束', actor: ACTORS.supervisor }] });
    expect((await h.result()).verifications).toHaveLength(1);
  });
});

test('a cancellation while the case is being scored is refused; the case closes once, scored', async () => {
  const { activities, rec } = stubActivities();
  const scoring = gated(activities.scoreCase);
  await withCaseWorker(ts.env, ts.bundle, { ...activities, scoreCase: scoring.activity }, async (tq) => {
    const h = await startCase(ts.env, tq);
    await fieldVisitConfirmed(h);
    await h.executeUpdate(issueRectificationUpdate, { args: [{ ...order, actor: ACTORS.lead }] });
    await h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '已改类并追补', collectedYuan: 7020, receiptNo: 'R1', actor: ACTORS.lead }] });
    const [verified, cancelled] = await race(
      scoring,
      () => h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: ACTORS.supervisor }] }),
      () => h.executeUpdate(cancelUpdate, { args: [{ reason: '客户销户', actor: ACTORS.manager }] }),
    );
    expect(verified).toMatchObject({ ok: true });
    expect(cancelled).toMatchObject({ ok: false, type: 'StepInProgress' });
    expect(cancelled.ok === false && cancelled.message).toMatch(/^Cancellation must wait: another step is in progress \(system: scoring the case\)/);
    expect(cancelled.ok === false && cancelled.refusal).toEqual({ code: 'case-step.busy-system', params: { step: 'cancel', busy: 'scoring' } });
    const final = await h.result();
    expect(final).toMatchObject({ stage: 'closed', closure: { kind: 'closed' } });
    expect(final.score).not.toBeNull();
    expect(rec.events.slice(-3).map((e) => e.type)).toEqual(['stage_entered', 'scored', 'closed']);
  });
});
