import { api, auditRowFor, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { waitFor } from '../support/mobile';
import { driveCase } from '../support/fieldVisit';
import { addWorkingDays } from '../../domain/calendar';
import { knownThroughOf } from '../../domain/calendarYears';
import { calendarCoversNext90Days } from '../../services/calendar/coverage';
import { workCalendarFrom } from '../../services/calendar/workCalendar';

// The working-day calendar API on the real stack. jicha_test is shared: the year published for the recompute is the
// one right after the known calendar and is removed afterwards; the validation and replace checks use 2198, a year
// no deadline reaches (a gap lies before it, so it never extends the known calendar), also removed afterwards.
const FAR_YEAR = 2198;
let h: Harness;
let t: Record<'admin' | 'manager' | 'supervisor' | 'lead', string>;

beforeAll(async () => {
  h = await startHarness();
  const [admin, manager, supervisor, lead] = await Promise.all(['admin', 'manager', 'supervisor', 'lead'].map((u) => tokenFor(u)));
  t = { admin, manager, supervisor, lead };
}, 120_000);
afterAll(async () => {
  await h?.pool.query('delete from calendar_years where year = $1', [FAR_YEAR]);
  await h?.stop();
});

const put = (year: number, days: unknown, token = t.admin, headers: Record<string, string> = {}) => api(h.baseUrl, `/api/calendar/years/${year}`, { method: 'PUT', token, body: { days }, headers });

test('the seeded years, newest first, with their counts and the coverage; one year by date', async () => {
  const list = await api(h.baseUrl, '/api/calendar/years', { token: t.lead });
  expect(list.status).toBe(200);
  const years = list.body.items.map((i: { year: number }) => i.year);
  expect(years).toEqual([...years].sort((a, b) => b - a));
  expect(list.body.items.find((i: { year: number }) => i.year === 2026)).toMatchObject({ source: 'chinese-days@1.5.7', publishedBy: null, holidays: 33, workdays: 6 });
  expect(years).toEqual(expect.arrayContaining([2004, 2015, 2026]));
  const knownThrough = knownThroughOf(years);
  expect(list.body.coverage).toEqual({ knownThrough, coversNext90Days: await calendarCoversNext90Days(h.pool), provisionalOpenCases: expect.any(Number) });

  const y = await api(h.baseUrl, '/api/calendar/years/2026', { token: t.supervisor });
  expect(y.status).toBe(200);
  expect(y.body).toMatchObject({ year: 2026, source: 'chinese-days@1.5.7', publishedBy: null });
  const dates = y.body.days.map((d: { date: string }) => d.date);
  expect(dates).toEqual([...dates].sort());
  expect(y.body.days).toEqual(expect.arrayContaining([{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }, { date: '2026-10-10', kind: 'workday', name: '国庆节' }, { date: '2026-02-17', kind: 'holiday', name: '春节' }]));

  const unknown = await api(h.baseUrl, '/api/calendar/years/2197', { token: t.manager, headers: { 'accept-language': 'en' } });
  expect(unknown.status).toBe(404);
  expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
  expect(unknown.body).toMatchObject({ code: 'calendar.year-unknown', detail: 'The working-day calendar of 2197 is not published.' });
});

test('only an admin publishes; refusals name each day with its code; a publication replaces the year and is audited', async () => {
  expect((await put(FAR_YEAR, [{ date: `${FAR_YEAR}-01-01`, kind: 'holiday', name: '元旦' }], t.manager)).status).toBe(403);
  expect((await put(FAR_YEAR, [{ date: `${FAR_YEAR}-01-01`, kind: 'holiday', name: '元旦' }], t.supervisor)).status).toBe(403);

  const bad = await put(FAR_YEAR, [
    { date: `${FAR_YEAR - 1}-12-31`, kind: 'holiday', name: '元旦' },
    { date: `${FAR_YEAR}-01-01`, kind: 'workday', name: '元旦' }, // a Monday
    { date: `${FAR_YEAR}-01-01`, kind: 'holiday', name: '元旦' },
  ]);
  expect(bad.status).toBe(422);
  expect(bad.body.errors).toEqual([
    { path: 'days.0.date', code: 'calendar.date-outside-year', params: { date: `${FAR_YEAR - 1}-12-31`, year: FAR_YEAR }, message: `日期 ${FAR_YEAR - 1}-12-31 不在 ${FAR_YEAR} 年内。` },
    { path: 'days.1.date', code: 'calendar.workday-not-weekend', params: { date: `${FAR_YEAR}-01-01` }, message: expect.stringContaining('星期六或星期日') },
    { path: 'days.2.date', code: 'calendar.duplicate-date', params: { date: `${FAR_YEAR}-01-01` }, message: expect.stringContaining('重复') },
  ]);
  expect((await api(h.baseUrl, `/api/calendar/years/${FAR_YEAR}`, { token: t.admin })).status).toBe(404); // nothing stored
  expect((await put(FAR_YEAR, [{ date: `${FAR_YEAR}-01-01`, kind: 'holiday', name: '' }])).status).toBe(400);

  const before = (await api(h.baseUrl, '/api/calendar/years', { token: t.admin })).body.coverage.knownThrough;
  const first = await put(FAR_YEAR, [{ date: `${FAR_YEAR}-10-02`, kind: 'holiday', name: '国庆节' }, { date: `${FAR_YEAR}-01-01`, kind: 'holiday', name: '元旦' }], t.admin, { 'x-request-id': `cal-${Date.now()}` });
  expect(first.status).toBe(200);
  expect(first.body).toMatchObject({ year: FAR_YEAR, source: 'admin', publishedBy: 'admin', recomputedCases: expect.any(Number), days: [{ date: `${FAR_YEAR}-01-01`, kind: 'holiday', name: '元旦' }, { date: `${FAR_YEAR}-10-02`, kind: 'holiday', name: '国庆节' }] });
  const audit = await auditRowFor(h.pool, first.headers.get('x-request-id')!);
  expect(audit).toMatchObject({ username: 'admin', method: 'PUT', route: '/api/calendar/years/:year', status: 200 });

  const replaced = await put(FAR_YEAR, [{ date: `${FAR_YEAR}-01-06`, kind: 'workday', name: '元旦' }]); // a Saturday
  expect(replaced.status).toBe(200);
  expect(replaced.body.days).toEqual([{ date: `${FAR_YEAR}-01-06`, kind: 'workday', name: '元旦' }]);
  const list = (await api(h.baseUrl, '/api/calendar/years', { token: t.admin })).body;
  expect(list.items.find((i: { year: number }) => i.year === FAR_YEAR)).toMatchObject({ source: 'admin', publishedBy: 'admin', holidays: 0, workdays: 1 });
  expect(list.coverage.knownThrough).toBe(before); // a year after a gap is published but not "known through"
});

test('readyz reports the calendar advisory from the coverage of the next 90 days, without turning unready', async () => {
  const r = await api(h.baseUrl, '/readyz');
  expect(r.status).toBe(200);
  expect(r.body.advisories).toEqual({ calendar: (await calendarCoversNext90Days(h.pool)) ? 'ok' : 'degraded' });
  const known = knownThroughOf((await h.pool.query<{ year: number }>('select year from calendar_years')).rows.map((x) => x.year))!;
  const year = Number(known.slice(0, 4));
  expect(await calendarCoversNext90Days(h.pool, Date.parse(`${year}-06-01T00:00:00+08:00`))).toBe(true);
  expect(await calendarCoversNext90Days(h.pool, Date.parse(`${year}-12-01T00:00:00+08:00`))).toBe(false);
});

test('publishing the next year recomputes a provisional deadline of an open case (a rejected verification, 60 working days)', async () => {
  const driven = await driveCase(h.baseUrl, '4210000002', 'rectification', 'calendar publication test');
  const today = new Date().toISOString().slice(0, 10);
  const lead = await tokenFor('lead');
  const order = await api(h.baseUrl, `/api/cases/${driven.id}/actions/rectification`, { token: lead, body: { actions: [{ kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: today }] } });
  expect(order.status).toBe(200);
  const report = await api(h.baseUrl, `/api/cases/${driven.id}/actions/rectification-report`, { token: lead, body: { summary: '已改类', tariffChangedOn: today } });
  expect(report.body.stage).toBe('verification');
  const rejected = await api(h.baseUrl, `/api/cases/${driven.id}/actions/verify`, { token: t.supervisor, body: { outcome: 'reject', reason: '改类未生效，重新整改', newDeadlineWorkingDays: 60 } });
  expect(rejected.status).toBe(200);
  const calendar = await workCalendarFrom(h.pool, Date.now());
  const start = Date.parse(rejected.body.stageStartedAt);
  expect(Date.parse(rejected.body.deadlineAt)).toBe(addWorkingDays(start, 60, calendar));
  // 60 working days reach past the known calendar unless it is known about three months ahead
  expect(rejected.body.deadlineProvisional).toBe(true);
  const row = await waitFor('the read model to hold the provisional deadline', async () => {
    const c = await api(h.baseUrl, `/api/cases/${driven.id}`, { token: t.supervisor });
    return c.body.deadlineProvisional === true ? c.body : null;
  });
  expect(row.deadlineAt).toBe(rejected.body.deadlineAt);

  // the year after the known calendar, in the style of a State Council notice (a FIXTURE, not the real schedule)
  const next = Number(calendar.knownThrough!.slice(0, 4)) + 1;
  const days = [
    ...['01', '02', '03'].map((d) => ({ date: `${next}-01-${d}`, kind: 'holiday', name: '元旦' })),
    ...Array.from({ length: 10 }, (_, i) => ({ date: `${next}-01-${String(11 + i).padStart(2, '0')}`, kind: 'holiday', name: '春节' })),
  ];
  try {
    const published = await put(next, days);
    expect(published.status).toBe(200);
    expect(published.body.recomputedCases).toBeGreaterThanOrEqual(1);
    const after = await waitFor('the case to recompute its deadline', async () => {
      const c = await api(h.baseUrl, `/api/cases/${driven.id}`, { token: t.supervisor });
      return c.body.deadlineProvisional === false ? c.body : null;
    });
    const expected = addWorkingDays(start, 60, await workCalendarFrom(h.pool, start));
    expect(Date.parse(after.deadlineAt)).toBe(expected);
    expect(expected).toBeGreaterThan(Date.parse(row.deadlineAt)); // up to 13 more days off
    const events = await h.pool.query('select payload from case_events where case_id = $1 and type = $2', [driven.id, 'deadline_recomputed']);
    expect(events.rows).toEqual([{ payload: expect.objectContaining({ previousDeadlineAt: row.deadlineAt, deadlineAt: after.deadlineAt, provisional: false }) }]);
  } finally {
    await h.pool.query('delete from calendar_years where year = $1 and source = $2', [next, 'admin']);
    await api(h.baseUrl, `/api/cases/${driven.id}/actions/cancel`, { token: t.supervisor, body: { reason: '测试结束' } });
  }
}, 180_000);
