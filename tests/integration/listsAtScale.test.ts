import crypto from 'node:crypto';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// Lists at province scale (#19): keyset pages of the case and customer lists, the saved views' filters, Chinese
// substring search. The rows live in a station of this run (under 咸安, inside the supervisor's HB.XN) and are
// written straight into the read model: what is under test is the queries.
let h: Harness;
let supervisor: string;
const tag = crypto.randomUUID().slice(0, 8);
const STATION = `HB.XN.XA.L${tag.slice(0, 7).toUpperCase()}`;
// A unit outside the supervisor's HB.XN: its case fits every view but must never be listed.
const OUTSIDE = `HB.Q${tag.slice(0, 7).toUpperCase()}`;
// Two random CJK characters of this run: a "name" no other data holds.
const T = String.fromCodePoint(0x4e00 + crypto.randomInt(0x51a0), 0x4e00 + crypto.randomInt(0x51a0));
const ACCOUNT_BASE = `48${String(crypto.randomInt(1_000_000)).padStart(6, '0')}`;
const accountNo = (i: number) => `${ACCOUNT_BASE}${String(i).padStart(2, '0')}`;
const CUSTOMERS = [
  { accountNo: accountNo(1), name: `${T}张三丰`, address: `湖北省咸宁市咸安区温泉街道${T}路12号` },
  { accountNo: accountNo(2), name: `咸宁市${T}餐馆`, address: '湖北省咸宁市咸安区永安街道金桂路8号' },
  { accountNo: accountNo(3), name: '李四', address: `湖北省咸宁市咸安区横沟桥镇${T}村` },
];
const ours = new Set(CUSTOMERS.map((c) => c.accountNo));
const caseIds: string[] = [];
const AT = '2026-03-01T02:00:00Z';

interface CaseRow {
  suffix: string; orgUnit?: string; customer?: number; stage?: string; createdAt?: string; assignee?: string | null; pendingRole?: string | null; pendingUser?: string | null;
  deadlineAt?: string | null; tier?: number; reviewPending?: boolean;
}

async function insertCase(r: CaseRow): Promise<string> {
  const id = crypto.randomUUID();
  caseIds.push(id);
  const c = CUSTOMERS[r.customer ?? 0];
  await h.pool.query(
    `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority, created_by, created_at, updated_at,
       last_event_seq, assignee, pending_role, pending_user, deadline_at, escalation_tier, review_pending)
     values ($1, $2, $3, $4, $5, $6, 'routine', $7, 'normal', 'it', $8, $8, 0, $9, $10, $11, $12, $13, $14)`,
    [id, `LS-${tag}-${r.suffix}`, `it-lists-${id}`, c.accountNo, c.name, r.orgUnit ?? STATION, r.stage ?? 'field_evidence', r.createdAt ?? AT,
      r.assignee ?? null, r.pendingRole ?? null, r.pendingUser ?? null, r.deadlineAt ?? null, r.tier ?? 0, r.reviewPending ?? false],
  );
  return id;
}

const past = new Date(Date.now() - 3 * 86400_000).toISOString();
const future = new Date(Date.now() + 3 * 86400_000).toISOString();
const views: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  supervisor = await tokenFor('supervisor');
  await h.pool.query(`insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, 'HB.XN.XA', 'station', $2, $1)`, [STATION, `${T}供电所`]);
  await h.pool.query(`insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, 'HB', 'city', $2, $1)`, [OUTSIDE, `${T}市`]);
  for (const c of CUSTOMERS) {
    await h.pool.query(`insert into customers (account_no, name, address, tariff_category, station_id) values ($1, $2, $3, 'commercial', $4)`, [c.accountNo, c.name, c.address, STATION]);
  }
  // The saved views' rows; the other rows of this run have no deadline, tier or review.
  views.assignedToMe = await insertCase({ suffix: 'V1', assignee: 'supervisor' });
  views.pendingOnMe = await insertCase({ suffix: 'V2', pendingRole: 'inspector', pendingUser: 'supervisor' });
  views.assignedToOther = await insertCase({ suffix: 'V3', assignee: 'inspector' });
  views.overdueOpen = await insertCase({ suffix: 'V4', stage: 'rectification', deadlineAt: past });
  views.overdueClosed = await insertCase({ suffix: 'V5', stage: 'closed', deadlineAt: past });
  views.notYetDue = await insertCase({ suffix: 'V6', stage: 'rectification', deadlineAt: future });
  views.verifyByRole = await insertCase({ suffix: 'V7', stage: 'verification', pendingRole: 'supervisor' });
  views.verifyByOther = await insertCase({ suffix: 'V8', stage: 'verification', pendingRole: 'supervisor', pendingUser: 'someone-else' });
  views.verifyByMe = await insertCase({ suffix: 'V9', stage: 'verification', pendingRole: 'supervisor', pendingUser: 'supervisor' });
  views.leadsRectification = await insertCase({ suffix: 'VA', stage: 'rectification', pendingRole: 'station_lead' });
  views.tier3Open = await insertCase({ suffix: 'VB', stage: 'rectification', tier: 3 });
  views.tier3Closed = await insertCase({ suffix: 'VC', stage: 'dismissed', tier: 3 });
  views.tier2 = await insertCase({ suffix: 'VD', stage: 'rectification', tier: 2 });
  views.underReview = await insertCase({ suffix: 'VE', reviewPending: true });
  views.outside = await insertCase({
    suffix: 'VZ', orgUnit: OUTSIDE, stage: 'verification', assignee: 'supervisor', pendingRole: 'supervisor', pendingUser: 'supervisor', deadlineAt: past, tier: 3, reviewPending: true,
  });
  views.byRestaurant = await insertCase({ suffix: 'VF', customer: 1, stage: 'closed' });
  // Ten cases sharing three creation instants: the sort key repeats across page boundaries.
  for (let i = 0; i < 10; i++) await insertCase({ suffix: `P${i}`, stage: i % 2 ? 'judgement' : 'assessment', createdAt: `2025-0${1 + (i % 3)}-15T08:00:00.123456Z` });
}, 120_000);

afterAll(async () => {
  await h?.pool.query('delete from cases where id = any($1::uuid[])', [caseIds]);
  await h?.pool.query('delete from customers where account_no = any($1)', [[...ours]]);
  await h?.pool.query('delete from org_units where id = any($1)', [[STATION, OUTSIDE]]);
  await h?.stop();
});

const q = (params: Record<string, unknown>) =>
  Object.entries(params).map(([k, v]) => `${k}=${encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v))}`).join('&');

async function casePages(sort: [string, string], limit: number) {
  const seen: string[] = [];
  let cursor = '';
  for (let pages = 0; pages < 20; pages++) {
    const res = await api(h.baseUrl, `/api/cases?${q({ filter: { q: `LS-${tag}-P` }, sort, limit, cursor })}`, { token: supervisor });
    expect(res.status).toBe(200);
    expect((res.body as unknown[]).length).toBeLessThanOrEqual(limit);
    seen.push(...(res.body as { id: string }[]).map((c) => c.id));
    const next = res.headers.get('x-next-cursor');
    if (!next) return seen;
    cursor = next;
  }
  throw new Error('the cursor never ended');
}

describe('keyset pages (cursor)', () => {
  test.each([
    [['createdAt', 'DESC']],
    [['createdAt', 'ASC']],
    [['stage', 'ASC']],
    [['customerName', 'DESC']],
  ] as [string, string][][])('sorted by %j, pages of 3 hold each row exactly once, in the order of one offset page', async (sort) => {
    const paged = await casePages(sort, 3);
    expect(paged).toHaveLength(10);
    expect(new Set(paged).size).toBe(10);
    const whole = await api(h.baseUrl, `/api/cases?${q({ filter: { q: `LS-${tag}-P` }, sort, range: [0, 49] })}`, { token: supervisor });
    expect(whole.headers.get('content-range')).toBe('cases 0-9/10');
    expect((whole.body as { id: string }[]).map((c) => c.id)).toEqual(paged);
  });

  test('the customer list pages by cursor too', async () => {
    const seen: string[] = [];
    let cursor = '';
    do {
      const res = await api(h.baseUrl, `/api/customers?${q({ filter: { stationId: STATION }, sort: ['name', 'ASC'], limit: 2, cursor })}`, { token: supervisor });
      expect(res.status).toBe(200);
      seen.push(...(res.body as { accountNo: string }[]).map((c) => c.accountNo));
      cursor = res.headers.get('x-next-cursor') ?? '';
    } while (cursor);
    expect(seen.sort()).toEqual([...ours].sort());
  });

  test('a damaged cursor, one made for another sort, and a cursor with a range are refused with their codes', async () => {
    const first = await api(h.baseUrl, `/api/cases?${q({ filter: { q: `LS-${tag}-P` }, limit: 3, cursor: '' })}`, { token: supervisor });
    const cursor = first.headers.get('x-next-cursor')!;
    expect(cursor).toBeTruthy();
    const refusals = [
      [q({ cursor: 'not a cursor!' }), 'list.bad-cursor'],
      [q({ cursor: Buffer.from('{"f":"createdAt"}').toString('base64url') }), 'list.bad-cursor'],
      [q({ cursor, sort: ['caseNo', 'DESC'] }), 'list.bad-cursor'],
      [q({ cursor: Buffer.from(JSON.stringify({ f: 'createdAt', o: 'DESC', k: 'yesterday', id: crypto.randomUUID() })).toString('base64url') }), 'list.bad-cursor'],
      [q({ cursor, range: [0, 9] }), 'list.cursor-with-range'],
    ];
    for (const [query, code] of refusals) {
      const res = await api(h.baseUrl, `/api/cases?${query}`, { token: supervisor, headers: { 'accept-language': 'en' } });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ code, errors: [{ path: 'query.cursor', code }] });
    }
    const zh = await api(h.baseUrl, `/api/customers?${q({ cursor: 'x' })}`, { token: supervisor });
    expect(zh.status).toBe(400);
    expect(zh.body.detail).toMatch(/翻页位置无效/);
  });
});

describe('saved views', () => {
  const viewIds = async (view: string) => {
    const res = await api(h.baseUrl, `/api/cases?${q({ filter: { q: `LS-${tag}-V`, view }, range: [0, 49] })}`, { token: supervisor });
    expect(res.status).toBe(200);
    const ids = (res.body as { id: string }[]).map((c) => c.id).sort();
    expect(ids).not.toContain(views.outside); // a view narrows the caller's scope, never widens it
    return ids;
  };

  test('我的待办: assigned to me or waiting on me by name', async () => {
    expect(await viewIds('mine')).toEqual([views.assignedToMe, views.pendingOnMe, views.verifyByMe].sort());
  });
  test('超期: open and past the deadline', async () => {
    expect(await viewIds('overdue')).toEqual([views.overdueOpen]);
  });
  test('待我复核: verification waiting on my role or on me by name', async () => {
    expect(await viewIds('awaiting_my_review')).toEqual([views.verifyByRole, views.verifyByMe].sort());
  });
  test('三级督办: open at escalation tier 3', async () => {
    expect(await viewIds('escalation_tier3')).toEqual([views.tier3Open]);
  });
  test('疑似虚假工单: under presence review', async () => {
    expect(await viewIds('suspected_fake')).toEqual([views.underReview]);
  });
  test('an unknown view is a 400 naming the field', async () => {
    const res = await api(h.baseUrl, `/api/cases?${q({ filter: { view: 'everything' } })}`, { token: supervisor });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.body.errors[0].path).toBe('query.filter.view');
  });
});

describe('Chinese substring search', () => {
  const customersFound = async (text: string) => {
    const res = await api(h.baseUrl, `/api/customers?${q({ filter: { q: text }, range: [0, 499] })}`, { token: supervisor });
    expect(res.status).toBe(200);
    return (res.body as { accountNo: string }[]).map((c) => c.accountNo).filter((a) => ours.has(a)).sort();
  };

  test('two characters find names and addresses containing them anywhere', async () => {
    expect(await customersFound(T)).toEqual(CUSTOMERS.map((c) => c.accountNo).sort());
  });
  test('three and more characters: a middle substring of a name, of an address', async () => {
    expect(await customersFound(`${T}餐`)).toEqual([CUSTOMERS[1].accountNo]);
    expect(await customersFound(`温泉街道${T}`)).toEqual([CUSTOMERS[0].accountNo]);
    expect(await customersFound(`${T}村`)).toEqual([CUSTOMERS[2].accountNo]);
    expect(await customersFound(`${T}张三丰X`)).toEqual([]);
  });
  test('a first page carries the total up to 100 ("100+" past it); a later page by cursor still counts it', async () => {
    // a 2-character term of this run's own, in more customers than the cap
    const term = String.fromCodePoint(0x4e00 + crypto.randomInt(0x51a0), 0x4e00 + crypto.randomInt(0x51a0));
    // 103 account numbers under a prefix no customer has yet (the test database holds other tests' populations)
    let prefix = '';
    for (let tries = 0; !prefix && tries < 20; tries += 1) {
      const p = `47${String(crypto.randomInt(100_000)).padStart(5, '0')}`;
      if (!(await h.pool.query('select 1 from customers where account_no like $1 limit 1', [`${p}%`])).rowCount) prefix = p;
    }
    expect(prefix).not.toBe('');
    const many = Array.from({ length: 103 }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
    await h.pool.query(
      `insert into customers (account_no, name, address, tariff_category, station_id) select a, $2 || '客户', '测试地址', 'commercial', $3 from unnest($1::text[]) a`,
      [many, term, STATION],
    );
    try {
      const first = await api(h.baseUrl, `/api/customers?${q({ filter: { q: term }, range: [0, 24] })}`, { token: supervisor });
      expect(first.status).toBe(200);
      expect((first.body as { accountNo: string }[]).map((c) => c.accountNo)).toEqual(many.slice(0, 25));
      expect(first.headers.get('content-range')).toBe('customers 0-24/100');
      expect(first.headers.get('x-total-capped')).toBe('true');

      const byCursor = await api(h.baseUrl, `/api/customers?${q({ filter: { q: term }, cursor: '', limit: 50 })}`, { token: supervisor });
      expect((byCursor.body as { accountNo: string }[]).map((c) => c.accountNo)).toEqual(many.slice(0, 50));
      const next = byCursor.headers.get('x-next-cursor');
      expect(next).toBeTruthy();
      const second = await api(h.baseUrl, `/api/customers?${q({ filter: { q: term }, cursor: next, limit: 60 })}`, { token: supervisor });
      expect((second.body as { accountNo: string }[]).map((c) => c.accountNo)).toEqual(many.slice(50, 103));
      expect(second.headers.get('x-next-cursor')).toBeNull();

      await h.pool.query('delete from customers where account_no = any($1)', [many.slice(98)]);
      const under = await api(h.baseUrl, `/api/customers?${q({ filter: { q: term }, range: [75, 99] })}`, { token: supervisor });
      expect((under.body as { accountNo: string }[]).map((c) => c.accountNo)).toEqual(many.slice(75, 98));
      expect(under.headers.get('content-range')).toBe('customers 75-97/98');
      expect(under.headers.get('x-total-capped')).toBeNull();
    } finally {
      await h.pool.query('delete from customers where account_no = any($1)', [many]);
    }
  });
  test('one character matches the start of a name (a surname), not its middle', async () => {
    expect(await customersFound(T[0])).toEqual([CUSTOMERS[0].accountNo]);
  });
  test('digits find account numbers by prefix', async () => {
    expect(await customersFound(CUSTOMERS[2].accountNo.slice(0, 9))).toEqual(CUSTOMERS.map((c) => c.accountNo).sort());
    expect(await customersFound(CUSTOMERS[2].accountNo)).toEqual([CUSTOMERS[2].accountNo]);
  });
  test("the case list finds a case by a middle substring of its customer's name, and by a 1-character prefix", async () => {
    const found = async (text: string) => {
      const res = await api(h.baseUrl, `/api/cases?${q({ filter: { q: text }, range: [0, 499] })}`, { token: supervisor });
      expect(res.status).toBe(200);
      return (res.body as { id: string }[]).map((c) => c.id).filter((id) => caseIds.includes(id));
    };
    expect(await found(`${T}餐`)).toEqual([views.byRestaurant]);
    expect(await found(`宁市${T}餐馆`)).toEqual([views.byRestaurant]);
    expect((await found(T[0])).length).toBe(caseIds.length - 2); // every case in scope but the restaurant's: their customer's name starts with T
  });
});
