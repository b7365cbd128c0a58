import crypto from 'node:crypto';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';

// An inspector sees the cases assigned to them, not every case of their station; the station lead sees all of them.
// The rows are written straight into the read model: what is under test is the scoping of the queries.
let h: Harness;
let inspector: string;
let lead: string;
const WQ = 'HB.XN.XA.WQ';
const ACCOUNT_NO = '4210000010'; // a demo customer of 温泉供电所
const tag = crypto.randomUUID().slice(0, 8);
const rows = { mine: crypto.randomUUID(), colleagues: crypto.randomUUID(), unassigned: crypto.randomUUID() };

async function insertCase(id: string, assignee: string | null, suffix: string) {
  await h.pool.query(
    `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority,
       created_by, created_at, updated_at, last_event_seq, assignee)
     select $1, $2, $3, account_no, name, $4, 'routine', 'field_evidence', 'normal', 'it', now(), now(), 0, $5 from customers where account_no = $6`,
    [id, `IT-${tag}-${suffix}`, `it-scope-${id}`, WQ, assignee, ACCOUNT_NO],
  );
}

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  [inspector, lead] = await Promise.all([tokenFor('inspector'), tokenFor('lead')]);
  await insertCase(rows.mine, 'inspector', 'A');
  await insertCase(rows.colleagues, `wq-colleague-${tag}`, 'B');
  await insertCase(rows.unassigned, null, 'C');
}, 120_000);
afterAll(async () => {
  await h?.pool.query('delete from cases where id = any($1::uuid[])', [Object.values(rows)]);
  await h?.stop();
});

const listed = async (token: string) => {
  const res = await api(h.baseUrl, `/api/cases?filter=${encodeURIComponent(JSON.stringify({ q: `IT-${tag}` }))}`, { token });
  expect(res.status).toBe(200);
  return (res.body as { id: string }[]).map((c) => c.id).sort();
};

test('the inspector lists and opens only their own case; the station lead sees all three', async () => {
  expect(await listed(inspector)).toEqual([rows.mine]);
  expect(await listed(lead)).toEqual(Object.values(rows).sort());
  expect((await api(h.baseUrl, `/api/cases/${rows.mine}`, { token: inspector })).status).toBe(200);
  for (const id of [rows.colleagues, rows.unassigned]) {
    expect((await api(h.baseUrl, `/api/cases/${id}`, { token: inspector })).status).toBe(404);
    expect((await api(h.baseUrl, `/api/cases/${id}/events`, { token: inspector })).status).toBe(404);
    expect((await api(h.baseUrl, `/api/cases/${id}/evidence`, { token: inspector })).status).toBe(404);
    expect((await api(h.baseUrl, `/api/cases/${id}`, { token: lead })).status).toBe(200);
  }
});

test("the customer's 360 case list follows the same rule", async () => {
  const ids = async (token: string) => {
    const res = await api(h.baseUrl, `/api/customers/${ACCOUNT_NO}/cases?range=[0,49]`, { token });
    expect(res.status).toBe(200);
    return (res.body as { id: string }[]).map((c) => c.id).filter((id) => (Object.values(rows) as string[]).includes(id)).sort();
  };
  expect(await ids(inspector)).toEqual([rows.mine]);
  expect(await ids(lead)).toEqual(Object.values(rows).sort());
});
