import crypto from 'node:crypto';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { campaignRuleSetLabel } from '../../db/campaigns';

// 规则版本使用: a campaign's cases count under the rule-set version the campaign is based on, the campaign a detail of it.
let h: Harness;
let manager: string;
const ACCOUNT = '4210000001'; // 温泉供电所 (HB.XN.XA.WQ)
const tag = crypto.randomUUID().slice(0, 8);
const baseVersion = `it-jr-camp-${tag}`;
const campaignId = crypto.randomUUID();
const campaignName = `专项稽查-${tag}`;
const plainCase = crypto.randomUUID();
const campaignCases = [crypto.randomUUID(), crypto.randomUUID()];

async function insertCase(id: string, n: number, judgementLabel: string, campaign: string | null) {
  await h.pool.query(
    `insert into cases (id, case_no, workflow_id, customer_account_no, customer_name, org_unit_id, origin, stage, priority, created_by, created_at, updated_at, last_event_seq, snapshot, campaign_id)
     select $1, $2, $3, account_no, name, station_id, 'special', 'closed', 'normal', 'supervisor', now() + make_interval(secs => $4), now(), 0, $5, $7
       from customers where account_no = $6`,
    [id, `IT-CAMP-${tag}-${n}`, `it-${id}`, n, JSON.stringify({ judgement: { ruleSetVersion: judgementLabel, score: 60 } }), ACCOUNT, campaign],
  );
}

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  manager = await tokenFor('manager');
  await h.pool.query(
    `insert into campaigns (id, name, scope, org_unit_id, rule_set, base_rule_set_version, min_score, case_cap, batch_size, status, created_by, created_at)
     values ($1, $2, array['HB.XN.XA.WQ'], 'HB.XN.XA.WQ', '{}'::jsonb, $3, 50, 10, 10, 'completed', 'manager', now())`,
    [campaignId, campaignName, baseVersion],
  );
  const label = campaignRuleSetLabel({ id: campaignId, ruleSetVersion: baseVersion });
  await insertCase(plainCase, 1, baseVersion, null);
  await insertCase(campaignCases[0], 2, label, campaignId);
  await insertCase(campaignCases[1], 3, label, campaignId);
}, 120_000);
afterAll(async () => {
  await h?.pool.query('delete from cases where id = any($1)', [[plainCase, ...campaignCases]]);
  await h?.pool.query('delete from campaigns where id = $1', [campaignId]);
  await h?.stop();
});

test('a campaign\'s cases count under its base rule-set version, with the campaign as a detail', async () => {
  const usage = await api(h.baseUrl, '/api/rule-versions/usage', { token: manager });
  expect(usage.status).toBe(200);
  const mine = usage.body.filter((u: { version: string }) => u.version.includes(tag));
  // one row for the version: no "<version>/campaign:<id>" row of its own
  expect(mine).toEqual([
    { id: `judgement:${baseVersion}`, kind: 'judgement', version: baseVersion, cases: 3, campaigns: [{ id: campaignId, name: campaignName, cases: 2 }] },
  ]);
});

test('the cases behind the version include the campaign\'s, each naming its campaign', async () => {
  const filter = encodeURIComponent(JSON.stringify({ kind: 'judgement', version: baseVersion }));
  const res = await api(h.baseUrl, `/api/rule-versions/cases?filter=${filter}`, { token: manager });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-range')).toBe('cases 0-2/3');
  expect(res.body.map((c: { id: string }) => c.id)).toEqual([campaignCases[1], campaignCases[0], plainCase]);
  expect(res.body[0]).toMatchObject({ judgementRuleSetVersion: baseVersion, judgementCampaign: { id: campaignId, name: campaignName } });
  expect(res.body[2]).toMatchObject({ judgementRuleSetVersion: baseVersion, judgementCampaign: null });
});
