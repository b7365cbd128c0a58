import crypto from 'node:crypto';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// The supervision cockpit's case list (#16): the handler (处理人) with their display name and station from personnel,
// escalation tier and problem type on every row; the filters status, problem type, escalation tier, unit and creation
// days (China calendar); the view waiting_on_me (等待我处理) of the 我的待办 page; an admin reads one case (engine
// details) but not the list. Rows are written straight into the read model of a station of this run.
let h: Harness;
let supervisor: string;
let admin: string;
const tag = crypto.randomUUID().slice(0, 8);
const STATION = `HB.XN.XA.C${tag.slice(0, 7).toUpperCase()}`;
const OTHER = `HB.XN.XA.D${tag.slice(0, 7).toUpperCase()}`;
const ACCOUNT = `47${String(crypto.randomInt(100_000_000)).padStart(8, '0')}`;
const PERSON = `it-cockpit-${tag}`;
const caseIds: string[] = [];
const ids: Record<string, string> = {};

async function insertCase(suffix: string, r: {
  orgUnit?: string; stage?: string; createdAt?: string; assignee?: string | null; pendingRole?: string | null; pendingUser?: string | null; tier?: number; problemType?: string | null;
}): Promise<string> {
  const id = crypto.randomUUID();
  caseIds.push(id);
  await h.pool.query(
    `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority, created_by, created_at, updated_at,
       last_event_seq, assignee, pending_role, pending_user, escalation_tier, problem_type)
     values ($1, $2, $3, $4, '驾驶舱测试户', $5, 'routine', $6, 'normal', 'it', $7, $7, 0, $8, $9, $10, $11, $12)`,
    [id, `CK-${tag}-${suffix}`, `it-cockpit-${id}`, ACCOUNT, r.orgUnit ?? STATION, r.stage ?? 'field_evidence', r.createdAt ?? '2026-03-01T02:00:00Z',
      r.assignee ?? null, r.pendingRole ?? null, r.pendingUser ?? null, r.tier ?? 0, r.problemType ?? null],
  );
  return id;
}

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  [supervisor, admin] = await Promise.all([tokenFor('supervisor'), tokenFor('admin')]);
  await h.pool.query(`insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, 'HB.XN.XA', 'station', $2, $1), ($3, 'HB.XN.XA', 'station', $4, $3)`,
    [STATION, `驾驶舱${tag}供电所`, OTHER, `对照${tag}供电所`]);
  await h.pool.query(`insert into customers (account_no, name, address, tariff_category, station_id) values ($1, '驾驶舱测试户', '湖北省咸宁市', 'commercial', $2)`, [ACCOUNT, STATION]);
  await h.pool.query(`insert into personnel (username, display_name, role, org_unit_id) values ($1, $2, 'inspector', $3)`, [PERSON, `李稽查${tag}`, STATION]);
  ids.byName = await insertCase('A', { pendingUser: PERSON, pendingRole: 'inspector', assignee: PERSON, problemType: 'wrong_tariff', createdAt: '2026-03-01T16:30:00Z' });
  ids.assignedOnly = await insertCase('B', { stage: 'rectification', assignee: PERSON, pendingRole: 'station_lead', tier: 2, problemType: 'theft' });
  ids.unknownUser = await insertCase('C', { pendingUser: 'nobody-in-personnel', pendingRole: 'inspector' });
  ids.supervisorsStep = await insertCase('D', { stage: 'verification', pendingRole: 'supervisor', tier: 3, orgUnit: OTHER });
  ids.closed = await insertCase('E', { stage: 'closed', problemType: 'wrong_tariff', tier: 3 });
  ids.cancelled = await insertCase('F', { stage: 'cancelled' });
}, 120_000);

afterAll(async () => {
  await h?.pool.query('delete from cases where id = any($1::uuid[])', [caseIds]);
  await h?.pool.query('delete from personnel where username = $1', [PERSON]);
  await h?.pool.query('delete from customers where account_no = $1', [ACCOUNT]);
  await h?.pool.query('delete from org_units where id = any($1)', [[STATION, OTHER]]);
  await h?.stop();
});

const q = (params: Record<string, unknown>) =>
  Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&');

type Row = { id: string; handler: string | null; handlerName: string | null; handlerStation: string | null; pendingRole: string | null; escalationTier: number; problemType: string | null };

async function list(filter: Record<string, unknown>, token = supervisor): Promise<Row[]> {
  const res = await api(h.baseUrl, `/api/cases?${q({ filter: { q: `CK-${tag}`, ...filter }, range: [0, 99] })}`, { token });
  expect(res.status).toBe(200);
  return res.body as Row[];
}
const idsOf = (rows: Row[]) => rows.map((r) => r.id).sort();

test('each row names its handler from personnel (display name and station), or the role it waits on', async () => {
  const rows = new Map((await list({})).map((r) => [r.id, r]));
  expect(rows.get(ids.byName)).toMatchObject({ handler: PERSON, handlerName: `李稽查${tag}`, handlerStation: `驾驶舱${tag}供电所`, problemType: 'wrong_tariff', escalationTier: 0 });
  // no one by name: the assignee holds it
  expect(rows.get(ids.assignedOnly)).toMatchObject({ handler: PERSON, handlerName: `李稽查${tag}`, pendingRole: 'station_lead', escalationTier: 2, problemType: 'theft' });
  // a user personnel does not know keeps their user name, without a display name
  expect(rows.get(ids.unknownUser)).toMatchObject({ handler: 'nobody-in-personnel', handlerName: null, handlerStation: null });
  expect(rows.get(ids.supervisorsStep)).toMatchObject({ handler: null, pendingRole: 'supervisor', escalationTier: 3 });
  // the one case read the same way
  const one = await api(h.baseUrl, `/api/cases/${ids.byName}`, { token: supervisor });
  expect(one.body).toMatchObject({ handlerName: `李稽查${tag}`, handlerStation: `驾驶舱${tag}供电所` });
});

test('status open leaves out closed and cancelled cases; finished lists only them; no status lists all', async () => {
  expect(idsOf(await list({ status: 'open' }))).toEqual([ids.byName, ids.assignedOnly, ids.unknownUser, ids.supervisorsStep].sort());
  expect(idsOf(await list({ status: 'finished' }))).toEqual([ids.closed, ids.cancelled].sort());
  expect(await list({})).toHaveLength(6);
});

test('problem type, escalation tier (open cases at or above it), unit and creation days (China calendar) filter', async () => {
  expect(idsOf(await list({ problemType: 'wrong_tariff' }))).toEqual([ids.byName, ids.closed].sort());
  expect(idsOf(await list({ problemType: ['theft', 'wrong_tariff'], status: 'open' }))).toEqual([ids.byName, ids.assignedOnly].sort());
  expect(idsOf(await list({ escalationTier: 2 }))).toEqual([ids.assignedOnly, ids.supervisorsStep].sort());
  expect(idsOf(await list({ escalationTier: 3 }))).toEqual([ids.supervisorsStep]);
  expect(idsOf(await list({ unit: OTHER }))).toEqual([ids.supervisorsStep]);
  // 2026-03-01T16:30Z is 2 March, 00:30 in China
  expect(idsOf(await list({ createdFrom: '2026-03-02' }))).toEqual([ids.byName]);
  expect(idsOf(await list({ createdTo: '2026-03-01' }))).not.toContain(ids.byName);
  expect(await list({ createdTo: '2026-03-01' })).toHaveLength(5);
  expect(idsOf(await list({ createdFrom: '2026-03-02', createdTo: '2026-03-02' }))).toEqual([ids.byName]);
});

test('waiting_on_me: the steps waiting on the supervisor by role (no one named) or by name', async () => {
  expect(idsOf(await list({ view: 'waiting_on_me' }))).toEqual([ids.supervisorsStep]);
});

test('bad filters are refused with 400 and the field named', async () => {
  for (const filter of [{ escalationTier: 5 }, { problemType: 'arson' }, { createdFrom: '2026-02-30' }, { unit: 'hb.xn' }, { status: 'all' }]) {
    const res = await api(h.baseUrl, `/api/cases?${q({ filter })}`, { token: supervisor });
    expect(res.status).toBe(400);
  }
});

test('an admin reads one case (its workflow id), but not the case list', async () => {
  const one = await api(h.baseUrl, `/api/cases/${ids.byName}`, { token: admin });
  expect(one.status).toBe(200);
  expect(one.body).toMatchObject({ id: ids.byName, workflowId: `it-cockpit-${ids.byName}` });
  expect((await api(h.baseUrl, `/api/cases?${q({ range: [0, 9] })}`, { token: admin })).status).toBe(403);
});
