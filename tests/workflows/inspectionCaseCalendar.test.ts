import { addWorkingDays, addWorkingTime, chinaDate, WORKING_DAY_MS, type WorkCalendar } from '../../domain/calendar';
import { acceptUpdate, calendarUpdatedSignal, cancelUpdate, getStateQuery, type InspectionCaseState } from '../../domain/inspectionCaseContract';
import { useTimeSkipping } from '../support/timeSkipping';
import { ACTORS, startCase, stubActivities, testPolicy, withCaseWorker } from './caseTestKit';
import { maybeRecordHistory } from './recordHistory';
import type { WorkflowHandle } from '@temporalio/client';

const ts = useTimeSkipping();

const MIN = 60_000;
const DAY = 86_400_000;

/** Queries until the state satisfies `ok` (a signal's handler runs on the worker, after the signal call returned). */
async function stateWhen(h: WorkflowHandle, ok: (s: InspectionCaseState) => boolean): Promise<InspectionCaseState> {
  for (let i = 0; i < 200; i += 1) {
    const s = await h.query(getStateQuery);
    if (ok(s)) return s;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the case state never reached the expected shape');
}

test('a deadline past the known calendar is provisional; publishing the year moves it, the clock follows, fired steps stay fired', async () => {
  const t0 = await ts.env.currentTimeMs();
  // known through tomorrow: field evidence's 2 working days reach past it (weekends alone counted there)
  const known: WorkCalendar = { holidays: [], workdays: [], knownThrough: chinaDate(t0 + DAY) };
  const policy = testPolicy({ calendar: undefined });
  const { activities, rec, published } = stubActivities({ policy, calendar: known });
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspector }] });
    const before = await h.query(getStateQuery);
    const start = Date.parse(before.stageStartedAt!);
    expect(before.deadlineProvisional).toBe(true);
    expect(Date.parse(before.deadlineAt!)).toBe(addWorkingDays(start, 2, known));
    expect(rec.snapshots.at(-1)!.deadlineProvisional).toBe(true); // the read model can find the case
    const oldReminder = Date.parse(before.reminderAt!);

    // the year is published: the three days after today are holidays
    const publishedCal: WorkCalendar = { holidays: [1, 2, 3].map((d) => chinaDate(start + d * DAY)), workdays: [], knownThrough: chinaDate(start + 400 * DAY) };
    published.current = publishedCal;
    await h.signal(calendarUpdatedSignal);
    const after = await stateWhen(h, (s) => s.deadlineProvisional === false);
    const newDeadline = addWorkingDays(start, 2, publishedCal);
    const newReminder = addWorkingTime(start, 2 * WORKING_DAY_MS * policy.escalation.reminderShare, publishedCal);
    expect(Date.parse(after.deadlineAt!)).toBe(newDeadline);
    expect(newDeadline).toBeGreaterThan(Date.parse(before.deadlineAt!));
    expect(after.stageStartedAt).toBe(before.stageStartedAt); // counted from the stage's start, not from the signal
    expect(Date.parse(after.reminderAt!)).toBe(newReminder);
    expect(published.reads).toBe(1);
    const recomputed = rec.events.filter((e) => e.type === 'deadline_recomputed');
    expect(recomputed).toHaveLength(1);
    expect(recomputed[0]).toMatchObject({ stage: 'field_evidence', actor: null, payload: { previousDeadlineAt: before.deadlineAt, deadlineAt: after.deadlineAt, provisional: false, knownThrough: publishedCal.knownThrough } });
    expect(rec.snapshots.at(-1)).toMatchObject({ deadlineAt: after.deadlineAt, deadlineProvisional: false });

    // the clock picks the new instants up: nothing at the old reminder time, the reminder at the new one
    expect(newReminder).toBeGreaterThan(oldReminder + 2 * MIN);
    await ts.env.sleep(oldReminder + 2 * MIN - (await ts.env.currentTimeMs()));
    expect(rec.notifications.map((n) => n.kind)).toEqual([]);
    await ts.env.sleep(newReminder + 2 * MIN - (await ts.env.currentTimeMs()));
    expect(rec.notifications.map((n) => n.kind)).toEqual(['reminder']);

    // a second publication changes nothing for this case (no longer provisional): no read, no event
    await h.signal(calendarUpdatedSignal);
    await h.executeUpdate(cancelUpdate, { args: [{ reason: '测试结束，取消工单', actor: ACTORS.supervisor }] });
    await h.result();
    expect(published.reads).toBe(1);
    expect(rec.events.filter((e) => e.type === 'deadline_recomputed')).toHaveLength(1);
    expect(rec.notifications.map((n) => n.kind)).toEqual(['reminder']); // fired once, not again after the recompute
    await maybeRecordHistory('calendar-recomputed', h);
  });
}, 60_000);

test('a recompute after the reminder fired keeps it fired, logs the flag change, and the deadline still escalates once', async () => {
  const t0 = await ts.env.currentTimeMs();
  const known: WorkCalendar = { holidays: [], workdays: [], knownThrough: chinaDate(t0 + DAY) };
  const { activities, rec, published } = stubActivities({ policy: testPolicy({ calendar: undefined }), calendar: known });
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    const before = await h.query(getStateQuery);
    expect(before.deadlineProvisional).toBe(true);
    await ts.env.sleep(Date.parse(before.reminderAt!) + MIN - (await ts.env.currentTimeMs()));
    expect(rec.notifications.map((n) => n.kind)).toEqual(['reminder']);
    // the published year has no holiday in the stage's days: the deadline stays, only the flag changes
    published.current = { holidays: [], workdays: [], knownThrough: chinaDate(t0 + 400 * DAY) };
    await h.signal(calendarUpdatedSignal);
    const after = await stateWhen(h, (s) => s.deadlineProvisional === false);
    expect(after.deadlineAt).toBe(before.deadlineAt);
    expect(after.remindedForStage).toBe(true);
    const recomputed = rec.events.filter((e) => e.type === 'deadline_recomputed');
    expect(recomputed).toHaveLength(1); // the flag changed, so the log says so
    await ts.env.sleep(Date.parse(after.deadlineAt!) + MIN - (await ts.env.currentTimeMs()));
    expect(rec.notifications.map((n) => n.kind)).toEqual(['reminder', 'escalation_tier1']);
    await h.cancel();
  });
}, 60_000);
