import { addWorkingDays, chinaDate } from '../../domain/calendar';
import { getStateQuery, acceptUpdate, submitFindingsUpdate } from '../../domain/inspectionCaseContract';
import { useTimeSkipping } from '../support/timeSkipping';
import { ACTORS, startCase, stubActivities, testPolicy, withCaseWorker } from './caseTestKit';
import { maybeRecordHistory } from './recordHistory';

const ts = useTimeSkipping();

const MIN = 60_000;
const DAY = 86_400_000;

/** Sleep the test server's clock to one minute before `at`. */
async function sleepUntilJustBefore(at: number) {
  const now = await ts.env.currentTimeMs();
  if (at - MIN > now) await ts.env.sleep(at - MIN - now);
}

test('reminder and escalation tiers fire at working-day times (weekends and holidays skipped) and stop when the step completes', async () => {
  // Make the next three calendar days holidays, so the deadline must jump over them as well as any weekend.
  const t0 = await ts.env.currentTimeMs();
  const holidays = [1, 2, 3].map((d) => chinaDate(t0 + d * DAY));
  const policy = testPolicy({ calendar: { holidays, workdays: [] } });
  const { activities, rec } = stubActivities({ policy });
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    await h.executeUpdate(acceptUpdate, { args: [{ actor: ACTORS.inspector }] });
    const s = await h.query(getStateQuery);
    const start = Date.parse(s.stageStartedAt!);
    const deadline = Date.parse(s.deadlineAt!);
    const reminder = Date.parse(s.reminderAt!);
    // field evidence at normal priority: 2 working days; the three holidays lie in between
    expect(deadline).toBe(addWorkingDays(start, 2, policy.calendar!));
    expect(deadline - start).toBeGreaterThanOrEqual(5 * DAY);
    const tier2 = addWorkingDays(deadline, 1, policy.calendar!);
    const tier3 = addWorkingDays(tier2, 1, policy.calendar!);
    const kinds = () => rec.notifications.map((n) => n.kind);

    await sleepUntilJustBefore(reminder);
    expect(kinds()).toEqual([]);
    await ts.env.sleep(2 * MIN);
    expect(kinds()).toEqual(['reminder']);
    expect(rec.notifications[0].recipients).toEqual([{ username: 'inspector', orgUnit: 'HB.XN.XA.WQ' }]);

    await sleepUntilJustBefore(deadline);
    expect(kinds()).toEqual(['reminder']);
    await ts.env.sleep(2 * MIN);
    expect(kinds()).toEqual(['reminder', 'escalation_tier1']);
    expect(rec.notifications[1].recipients).toEqual([{ username: 'inspector', orgUnit: 'HB.XN.XA.WQ' }, { role: 'station_lead', orgUnit: 'HB.XN.XA.WQ' }]);
    expect((await h.query(getStateQuery)).escalationTier).toBe(1);

    await sleepUntilJustBefore(tier2);
    expect(kinds()).toHaveLength(2);
    await ts.env.sleep(2 * MIN);
    expect(kinds()).toEqual(['reminder', 'escalation_tier1', 'escalation_tier2']);
    expect(rec.notifications[2].recipients).toEqual([{ role: 'supervisor', orgUnit: 'HB.XN' }]);
    const escalated = rec.events.filter((e) => e.type === 'escalated');
    expect(escalated.map((e) => Date.parse(e.occurredAt))).toEqual([expect.any(Number), expect.any(Number)]);
    expect(Date.parse(escalated[0].occurredAt)).toBeGreaterThanOrEqual(deadline);
    expect(Date.parse(escalated[1].occurredAt)).toBeGreaterThanOrEqual(tier2);
    expect(Date.parse(escalated[1].occurredAt) - tier2).toBeLessThan(2 * MIN);

    // the inspector completes the step (justifying the missing evidence): escalation stops, tier 3 never fires
    const after = await h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'not_confirmed', checklist: [], summary: '现场核实无问题', justification: '逾期原因：节假日', actor: ACTORS.inspector }] });
    expect(after.escalations.map((e) => e.tier)).toEqual([1, 2]);
    const final = await h.result();
    await ts.env.sleep(Math.max(0, tier3 - (await ts.env.currentTimeMs())) + DAY);
    expect(kinds()).toEqual(['reminder', 'escalation_tier1', 'escalation_tier2']);
    expect(final.stage).toBe('closed');
    expect(rec.scored[0]).toMatchObject({ maxEscalationTier: 2, fieldLateDays: expect.any(Number) });
    expect(rec.scored[0].fieldLateDays).toBeGreaterThanOrEqual(1);
    await maybeRecordHistory('escalated-then-completed', h);
  });
}, 60_000);

test('tier 3 reaches the manager when nobody acts', async () => {
  const policy = testPolicy();
  const { activities, rec } = stubActivities({ policy, inspectors: [] });
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq);
    const s = await h.query(getStateQuery);
    // no inspector at the station: the station lead must assign
    expect(s.pendingActor).toEqual({ role: 'station_lead', username: null, orgUnit: 'HB.XN.XA.WQ' });
    const deadline = Date.parse(s.deadlineAt!);
    const tier3 = addWorkingDays(addWorkingDays(deadline, 1, policy.calendar!), 1, policy.calendar!);
    await sleepUntilJustBefore(tier3);
    expect(rec.notifications.map((n) => n.kind)).toEqual(['reminder', 'escalation_tier1', 'escalation_tier2']);
    expect(rec.notifications[1].recipients).toEqual([{ role: 'station_lead', orgUnit: 'HB.XN.XA.WQ' }]);
    await ts.env.sleep(2 * MIN);
    expect(rec.notifications.map((n) => n.kind)).toEqual(['reminder', 'escalation_tier1', 'escalation_tier2', 'escalation_tier3']);
    expect(rec.notifications[3].recipients).toEqual([{ role: 'manager', orgUnit: 'HB.XN' }]);
    expect((await h.query(getStateQuery)).escalationTier).toBe(3);
    await h.cancel();
  });
}, 60_000);
