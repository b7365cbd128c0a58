import { chinaDate } from '../../domain/calendar';
import { getStateQuery } from '../../domain/inspectionCaseContract';
import { useTimeSkipping } from '../support/timeSkipping';
import { CUSTOMER, newInput, startCase, stubActivities, testPolicy, withCaseWorker } from './caseTestKit';

// A case that names its policy (InspectionCaseInput.policyVersion) runs under it, and a policy counting calendar days
// (自然日, CasePolicy.calendarDays) runs its clock through weekends and holidays: the first start's overdue and
// escalated demo cases (scripts/seed/demoLiveCases.ts) get there this way whatever the day of the seed.
const ts = useTimeSkipping();

const MIN = 60_000;
const DAY = 86_400_000;

test('a case under a named policy counting calendar days (自然日) escalates through holidays, tier after tier', async () => {
  // today and the next three days are holidays: a working-day clock would not start before they are over
  const t0 = await ts.env.currentTimeMs();
  const calendar = { holidays: [0, 1, 2, 3].map((d) => chinaDate(t0 + d * DAY)), workdays: [] };
  const days = { low: 0.5, normal: 0.5, high: 0.5, urgent: 0.5 };
  const policy = testPolicy({ version: 'demo-escalated-test', calendarDays: true, deadlines: { field_evidence: days, rectification: days, verification: days }, escalation: { reminderShare: 0.5, tier2AfterDays: 0.5, tier3AfterDays: 0.5 } });
  const { activities, rec } = stubActivities({ policy, calendar });
  const named: unknown[][] = [];
  const load = activities.loadCaseContext;
  activities.loadCaseContext = (...args: unknown[]) => {
    named.push(args);
    return load();
  };
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const h = await startCase(ts.env, tq, newInput({ policyVersion: policy.version }));
    const s = await h.query(getStateQuery);
    expect(s.policyVersion).toBe('demo-escalated-test');
    expect(named[0]).toEqual([CUSTOMER.accountNo, expect.any(String), 'demo-escalated-test']);
    const start = Date.parse(s.stageStartedAt!);
    expect(Date.parse(s.deadlineAt!) - start).toBe(DAY / 2);
    await ts.env.sleep(Date.parse(s.deadlineAt!) + DAY + MIN - (await ts.env.currentTimeMs()));
    expect(rec.notifications.map((n) => n.kind)).toEqual(['reminder', 'escalation_tier1', 'escalation_tier2', 'escalation_tier3']);
    expect((await h.query(getStateQuery)).escalationTier).toBe(3);
    await h.cancel();
  });
}, 60_000);
