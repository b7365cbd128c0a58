import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, mobile, newDeviceId, openFieldCase } from '../support/mobile';
import { workingDaysLeft, type WorkCalendar } from '../../domain/calendar';
import { workCalendarFrom } from '../../services/calendar/workCalendar';

// 我的任务 and the task page carry the working days left to the deadline (剩余 N 个工作日; negative: overdue; null: no
// deadline), on the published working-day calendar (migration 055); the back office's case list and detail too.
// Real case workflow on Temporal, real tokens.
let h: Harness;
let inspector: string;
let device: string;
let calendar: WorkCalendar;

beforeAll(async () => {
  h = await startHarness();
  const [admin, insp] = await Promise.all([tokenFor('admin'), tokenFor('inspector')]);
  inspector = insp;
  device = newDeviceId('wd');
  await bindDevice(h.baseUrl, admin, device, 'inspector');
  calendar = await workCalendarFrom(h.pool, Date.now() - 366 * 86_400_000);
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

test('workingDaysLeft in the list and the detail: from the deadline on the calendar in force; negative when overdue; null without a deadline', async () => {
  const supervisor = await tokenFor('supervisor');
  const c = await openFieldCase(h, supervisor, '4210000002');
  const as = { token: inspector, device };
  const find = async () => {
    const list = await mobile(h.baseUrl, '/tasks?pageSize=100', as);
    expect(list.status).toBe(200);
    return list.body.items.find((i: { caseId: string }) => i.caseId === c.id);
  };

  const item = await find();
  expect(item.deadlineAt).toEqual(expect.any(String));
  const expected = workingDaysLeft(Date.now(), Date.parse(item.deadlineAt), calendar);
  expect(expected).toBeGreaterThan(0); // a field stage has days allowed
  expect(item.workingDaysLeft).toBe(expected);
  const detail = await mobile(h.baseUrl, `/tasks/${c.id}`, as);
  expect(detail.status).toBe(200);
  expect(detail.body.workingDaysLeft).toBe(expected);
  // the back office shows the same count, and whether the deadline lies past the published calendar
  const boDetail = await api(h.baseUrl, `/api/cases/${c.id}`, { token: supervisor });
  expect(boDetail.body).toMatchObject({ deadlineAt: item.deadlineAt, workingDaysLeft: expected, deadlineProvisional: Date.parse(item.deadlineAt) - 1 > Date.parse(`${calendar.knownThrough}T16:00:00Z`) });
  const boList = await api(h.baseUrl, `/api/cases?filter=${encodeURIComponent(JSON.stringify({ id: c.id }))}`, { token: supervisor });
  expect(boList.body).toEqual([expect.objectContaining({ id: c.id, workingDaysLeft: expected, deadlineProvisional: boDetail.body.deadlineProvisional })]);
  // the evidence rule the findings form applies is the case's own policy's (the one its workflow checks)
  const live = await api(h.baseUrl, `/api/cases/${c.id}/live`, { token: supervisor });
  const own = await h.pool.query('select policy from case_policies where version = $1', [live.body.policyVersion]);
  expect(own.rows).toHaveLength(1);
  expect(detail.body.evidencePolicy).toEqual({ minVerifiedPhotos: own.rows[0].policy.evidence.minVerifiedPhotos, geofenceRadiusM: own.rows[0].policy.evidence.geofenceRadiusM });
  expect(detail.body.evidencePolicy.minVerifiedPhotos).toBeGreaterThan(0);

  // The read model's deadline moved into the past (as if the case had waited): overdue, by working days.
  const past = new Date(Date.now() - 15 * 86_400_000).toISOString();
  await h.pool.query('update cases set deadline_at = $2 where id = $1', [c.id, past]);
  const overdue = await find();
  expect(overdue.workingDaysLeft).toBe(workingDaysLeft(Date.now(), Date.parse(past), calendar));
  expect(overdue.workingDaysLeft).toBeLessThanOrEqual(-9); // 15 calendar days hold at least 9 working days
  expect((await mobile(h.baseUrl, `/tasks/${c.id}`, as)).body.workingDaysLeft).toBe(overdue.workingDaysLeft);
  expect((await api(h.baseUrl, `/api/cases/${c.id}`, { token: supervisor })).body.workingDaysLeft).toBe(overdue.workingDaysLeft);

  await h.pool.query('update cases set deadline_at = null where id = $1', [c.id]);
  expect((await find()).workingDaysLeft).toBeNull();
  expect((await mobile(h.baseUrl, `/tasks/${c.id}`, as)).body.workingDaysLeft).toBeNull();
  // Cancelled through the back office, so the case leaves the inspector's list.
  expect((await api(h.baseUrl, `/api/cases/${c.id}/actions/cancel`, { token: supervisor, body: { reason: '测试结束' } })).status).toBe(200);
});
