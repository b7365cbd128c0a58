import crypto from 'node:crypto';
import { INSPECTION_CASE_WORKFLOW, cancelUpdate, caseWorkflowId, type InspectionCaseInput } from '../../domain/inspectionCaseContract';
import { lastClosedMonth } from '../../domain/billingMonths';
import { demoCustomers, type DemoCustomer } from '../../db/seed/demoOrg';
import { seedDemoCustomerHistory } from '../../db/seed/demoCustomerHistory';
import { seedMobileContent, createAnnouncement } from '../../db/mobileContent';
import { registerDevice, setBinding } from '../../db/devices';
import { insertCampaign } from '../../db/campaigns';
import { DEFAULT_JUDGEMENT_RULE_SET } from '../../domain/defaultJudgementRules';
import { backOfficeRoutes } from '../../api/routes';
import { mobileRoutes } from '../../mobile-api/routes';
import { createS3Client } from '../../config/s3';
import type { RouteDef } from '../../http/route';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, deviceKey, mobile, newDeviceId, openFieldCase, waitFor } from '../support/mobile';
import { submitWeakFindings } from '../support/presenceReview';
import { AUTHZ_CALENDAR_YEAR } from './fixtures/calendar';

/** The demo roles of the matrix, each with the realm user that holds it. */
export const DEMO_ROLES = ['inspector', 'station_lead', 'supervisor', 'manager', 'admin'] as const;
export type DemoRole = (typeof DEMO_ROLES)[number];
export const USER_OF: Record<DemoRole, string> = { inspector: 'inspector', station_lead: 'lead', supervisor: 'supervisor', manager: 'manager', admin: 'admin' };
export const ORG_OF: Record<DemoRole, string> = { inspector: 'HB.XN.XA.WQ', station_lead: 'HB.XN.XA.WQ', supervisor: 'HB.XN', manager: 'HB.XN', admin: 'HB' };

/**
 * Every role's nearest unit outside its scope: the sibling station for station staff, another city for city staff,
 * another province for the province admin. The test database gets the units, customers and personnel it lacks.
 */
export const OUTSIDE_UNIT: Record<DemoRole, string> = {
  inspector: 'HB.XN.JY.YY', station_lead: 'HB.XN.JY.YY', supervisor: 'HB.WH.JA.ZJ', manager: 'HB.WH.JA.ZJ', admin: 'HN.ZZ.JS.DJ',
};
/** The unit whose data is inside every role's scope. */
export const INSIDE_UNIT = 'HB.XN.XA.WQ';

const FOREIGN_UNITS = [
  { id: 'HB.WH', parentId: 'HB', level: 'city', zh: '国网武汉供电公司（测试）', en: 'Wuhan (test)' },
  { id: 'HB.WH.JA', parentId: 'HB.WH', level: 'county', zh: '江岸区供电公司（测试）', en: "Jiang'an (test)" },
  { id: 'HB.WH.JA.ZJ', parentId: 'HB.WH.JA', level: 'station', zh: '堤角供电所（测试）', en: 'Dijiao station (test)' },
  { id: 'HB.WH.JA.ZJ.G01', parentId: 'HB.WH.JA.ZJ', level: 'grid', zh: '堤角一网格（测试）', en: 'Dijiao grid 1 (test)' },
  { id: 'HN', parentId: null, level: 'province', zh: '国网河南省电力公司（测试）', en: 'Henan (test)' },
  { id: 'HN.ZZ', parentId: 'HN', level: 'city', zh: '国网郑州供电公司（测试）', en: 'Zhengzhou (test)' },
  { id: 'HN.ZZ.JS', parentId: 'HN.ZZ', level: 'county', zh: '金水区供电公司（测试）', en: 'Jinshui (test)' },
  { id: 'HN.ZZ.JS.DJ', parentId: 'HN.ZZ.JS', level: 'station', zh: '东郊供电所（测试）', en: 'Dongjiao station (test)' },
  { id: 'HN.ZZ.JS.DJ.G01', parentId: 'HN.ZZ.JS.DJ', level: 'grid', zh: '东郊一网格（测试）', en: 'Dongjiao grid 1 (test)' },
] as const;

const template = demoCustomers().find((c) => c.accountNo === '4210000002')!;
/** One customer per unit the matrix uses (inside, and each outside unit). */
export const CUSTOMER_AT: Record<string, DemoCustomer> = {
  'HB.XN.XA.WQ': template,
  'HB.XN.JY.YY': demoCustomers().find((c) => c.stationId === 'HB.XN.JY.YY')!,
  'HB.WH.JA.ZJ': { ...template, accountNo: '4270000001', meterNo: 'M4270000001', name: '武汉测试客户', address: '武汉市江岸区测试路 1 号', stationId: 'HB.WH.JA.ZJ', gridId: 'HB.WH.JA.ZJ.G01' },
  'HN.ZZ.JS.DJ': { ...template, accountNo: '4110000001', meterNo: 'M4110000001', name: '郑州测试客户', address: '郑州市金水区测试路 1 号', stationId: 'HN.ZZ.JS.DJ', gridId: 'HN.ZZ.JS.DJ.G01' },
};
/** Field staff of the foreign stations (terminal personnel), so cases there are assigned and devices can be bound there. */
const FOREIGN_PERSONNEL = [
  { username: 'authz-wh-inspector', unit: 'HB.WH.JA.ZJ' },
  { username: 'authz-hn-inspector', unit: 'HN.ZZ.JS.DJ' },
];
export const PERSON_AT: Record<string, string> = { 'HB.XN.XA.WQ': 'inspector', 'HB.XN.JY.YY': 'inspector2', 'HB.WH.JA.ZJ': 'authz-wh-inspector', 'HN.ZZ.JS.DJ': 'authz-hn-inspector' };

export const RULE_SET_PREFIX = 'authz-';

/**
 * A second inspector of the inside station. Active only while the world offers them their case: afterwards the
 * station's cases go to `inspector` again (the least-loaded active inspector), as the other fixtures expect.
 */
export const COLLEAGUE = 'authz-wq-colleague';

export interface CaseRef {
  id: string;
  workflowId: string;
  orgUnitId: string;
}

/** What the fixtures build requests from: the harness, a token and a bound device per role, and data inside and outside. */
export interface World {
  h: Harness;
  token: Record<DemoRole, string>;
  device: Record<DemoRole, string>;
  /** A case at the inside station, at field evidence, assigned to `inspector` (accepted). */
  insideCase: CaseRef;
  /** A case at each outside unit. */
  caseAt: Record<string, CaseRef>;
  /** A case at the inside station assigned to another inspector there: `inspector`'s colleague, whose case it may not see. */
  colleagueCase: CaseRef;
  /** A draft campaign scoped to the inside station; one scoped to each outside unit. */
  insideCampaign: string;
  campaignAt: Record<string, string>;
  /** An import batch made inside, one recorded at each outside unit. */
  insideImport: string;
  importAt: Record<string, string>;
  /** An announcement published to each outside unit. */
  announcementAt: Record<string, string>;
  /** A notification addressed to another user (never in the caller's inbox). */
  foreignNotification: string;
  /** A device bound to a person at each unit (inside and outside). */
  deviceAt: Record<string, string>;
  /** A fresh case at the inside station per name, opened on first use (for steps that change its state). */
  freshCase(name: string): Promise<CaseRef>;
  /**
   * A case at `unit` whose field visit the workflow put on review (疑似虚假工单: findings with a weak presence verdict
   * and a justification), one per unit and name, made on first use.
   */
  reviewCaseAt(unit: string, name?: string): Promise<CaseRef>;
  /** A new unbound device, registered directly. */
  newDevice(): Promise<string>;
  outsideUnit(role: DemoRole): string;
  outsideCase(role: DemoRole): CaseRef;
  outsideCustomer(role: DemoRole): string;
  insideCustomer: string;
  /** The live route table: method, full path and policy of every route. */
  routes: { key: string; def: RouteDef }[];
}

/** `METHOD /prefix/path`, the key of the route table and of the fixtures. */
export const routeKey = (method: string, prefix: string, path: string) => `${method.toUpperCase()} ${prefix}${path}`;

export function liveRoutes(h: Harness): { key: string; def: RouteDef }[] {
  const deps = { config: h.config, pool: h.pool, temporal: h.client, s3: createS3Client(h.config), version: 'test' };
  return [
    ...backOfficeRoutes(deps).map((def) => ({ key: routeKey(def.method, '/api', def.path), def })),
    ...mobileRoutes(deps).map((def) => ({ key: routeKey(def.method, '/mobile/v1', def.path), def })),
  ];
}

async function seedForeignData(h: Harness): Promise<void> {
  for (const u of FOREIGN_UNITS) {
    await h.pool.query(
      'insert into org_units (id, parent_id, level, name_zh, name_en) values ($1, $2, $3, $4, $5) on conflict (id) do nothing',
      [u.id, u.parentId, u.level, u.zh, u.en],
    );
  }
  const foreign = [CUSTOMER_AT['HB.WH.JA.ZJ'], CUSTOMER_AT['HN.ZZ.JS.DJ']];
  for (const c of foreign) {
    await h.pool.query(
      `insert into customers (account_no, name, address, lat, lon, tariff_category, contract_capacity_kva, meter_no, whitelist, station_id, grid_id)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (account_no) do nothing`,
      [c.accountNo, c.name, c.address, c.lat, c.lon, c.tariffCategory, c.capacityKva, c.meterNo, c.whitelist, c.stationId, c.gridId],
    );
  }
  await seedDemoCustomerHistory(h.pool, foreign, lastClosedMonth(new Date()));
  for (const p of FOREIGN_PERSONNEL) {
    await h.pool.query(
      `insert into personnel (username, display_name, role, org_unit_id) values ($1, $2, 'inspector', $3) on conflict (username) do nothing`,
      [p.username, p.username, p.unit],
    );
  }
}

/** A case opened by its workflow directly (no demo user may open one outside Xianning through the API). */
async function startCaseDirectly(h: Harness, accountNo: string, more: Partial<InspectionCaseInput> = {}): Promise<CaseRef> {
  const caseId = crypto.randomUUID();
  const input: InspectionCaseInput = { caseId, customerAccountNo: accountNo, origin: 'special', note: 'authz matrix: outside data', createdBy: 'authz-test', requestedAt: new Date().toISOString(), ...more };
  await h.client.workflow.start(INSPECTION_CASE_WORKFLOW, { taskQueue: h.config.TEMPORAL_TASK_QUEUE, workflowId: caseWorkflowId(caseId), args: [input] });
  const row = await waitFor(`case ${caseId} recorded`, async () => (await h.pool.query<{ org_unit_id: string }>('select org_unit_id from cases where id = $1', [caseId])).rows[0]);
  return { id: caseId, workflowId: caseWorkflowId(caseId), orgUnitId: row.org_unit_id };
}

/** A case at the inside station offered to COLLEAGUE (field evidence), who is made inactive again afterwards. */
async function colleagueCaseAtInsideStation(h: Harness): Promise<CaseRef> {
  await h.pool.query(
    `insert into personnel (username, display_name, role, org_unit_id, active) values ($1, $1, 'inspector', $2, true)
     on conflict (username) do update set active = true, org_unit_id = excluded.org_unit_id`,
    [COLLEAGUE, INSIDE_UNIT],
  );
  try {
    const c = await startCaseDirectly(h, CUSTOMER_AT[INSIDE_UNIT].accountNo, { initialAssignee: COLLEAGUE, note: 'authz matrix: a colleague\'s case' });
    await waitFor('colleague case offered', async () => (await h.pool.query("select 1 from cases where id = $1 and stage = 'field_evidence' and assignee = $2", [c.id, COLLEAGUE])).rowCount);
    return c;
  } finally {
    await h.pool.query('update personnel set active = false where username = $1', [COLLEAGUE]);
  }
}

export async function createWorld(): Promise<World> {
  const h = await startHarness();
  await seedForeignData(h);
  await seedMobileContent(h.pool);
  const tokens = await Promise.all(DEMO_ROLES.map((r) => tokenFor(USER_OF[r])));
  const token = Object.fromEntries(DEMO_ROLES.map((r, i) => [r, tokens[i]])) as Record<DemoRole, string>;
  const device = {} as Record<DemoRole, string>;
  for (const r of DEMO_ROLES) {
    device[r] = newDeviceId(`authz-${r}`);
    await bindDevice(h.baseUrl, token.admin, device[r], USER_OF[r]);
  }
  const deviceAt: Record<string, string> = {};
  for (const [unit, person] of Object.entries(PERSON_AT)) {
    const id = newDeviceId('authz-at');
    await registerDevice(h.pool, { id, label: `device at ${unit}`, platform: 'android', by: 'authz-test', publicKey: (await deviceKey(id)).publicJwk });
    await setBinding(h.pool, id, person, 'authz-test');
    deviceAt[unit] = id;
  }

  // inside: opened through the API and accepted by its inspector, so evidence can be requested for it
  const opened = await openFieldCase(h, token.supervisor, CUSTOMER_AT[INSIDE_UNIT].accountNo, 'special');
  const accepted = await mobile(h.baseUrl, `/tasks/${opened.id}/accept`, { token: token.inspector, device: device.inspector, body: {} });
  if (accepted.status !== 200) throw new Error(`accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  const insideCase: CaseRef = { id: opened.id, workflowId: opened.workflowId, orgUnitId: (await h.pool.query('select org_unit_id from cases where id = $1', [opened.id])).rows[0].org_unit_id };
  const caseAt: Record<string, CaseRef> = {};
  const jy = await api(h.baseUrl, '/api/cases', { token: token.supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: CUSTOMER_AT['HB.XN.JY.YY'].accountNo, origin: 'special', note: 'authz matrix: another station' } });
  if (jy.status !== 201) throw new Error(`open case at HB.XN.JY.YY: ${jy.status} ${JSON.stringify(jy.body)}`);
  caseAt['HB.XN.JY.YY'] = { id: jy.body.id, workflowId: jy.body.workflowId, orgUnitId: jy.body.orgUnitId };
  for (const unit of ['HB.WH.JA.ZJ', 'HN.ZZ.JS.DJ']) caseAt[unit] = await startCaseDirectly(h, CUSTOMER_AT[unit].accountNo);
  const colleagueCase = await colleagueCaseAtInsideStation(h);

  // escalations and notifications on outside cases, so the board and inboxes have something to leak
  const now = new Date().toISOString();
  for (const c of Object.values(caseAt)) {
    await h.pool.query("insert into escalations (case_id, stage, stage_round, tier, raised_at) values ($1, 'authz', 1, 1, $2) on conflict do nothing", [c.id, now]);
  }
  await h.pool.query("insert into escalations (case_id, stage, stage_round, tier, raised_at) values ($1, 'authz', 1, 1, $2) on conflict do nothing", [insideCase.id, now]);
  const note = await h.pool.query<{ id: string }>(
    "insert into notifications (dedupe_key, case_id, recipient_user, recipient_org, kind, title, body, created_at) values ($1, $2, 'authz-wh-inspector', 'HB.WH.JA.ZJ', 'reminder', 'authz', 'for another user', now()) returning id::text",
    [`authz-${crypto.randomUUID()}`, caseAt['HB.WH.JA.ZJ'].id],
  );

  const def = (scope: string[]) => ({ name: 'authz matrix campaign', scope, caseCap: 1, minScore: 100 });
  const created = await api(h.baseUrl, '/api/campaigns', { token: token.manager, body: def([INSIDE_UNIT]) });
  if (created.status !== 201) throw new Error(`campaign: ${created.status} ${JSON.stringify(created.body)}`);
  const campaignAt: Record<string, string> = {};
  const announcementAt: Record<string, string> = {};
  const importAt: Record<string, string> = {};
  for (const unit of new Set(Object.values(OUTSIDE_UNIT))) {
    const c = await insertCampaign(h.pool, {
      id: crypto.randomUUID(), name: `authz outside ${unit}`, theme: null, scope: [unit], orgUnitId: unit, ruleSet: DEFAULT_JUDGEMENT_RULE_SET, baseVersion: DEFAULT_JUDGEMENT_RULE_SET.version,
      minScore: 100, caseCap: 1, batchSize: 1, asOfMonth: null, fieldDeadline: null, endsOn: null, createdBy: 'authz-test',
    });
    campaignAt[unit] = c.id;
    announcementAt[unit] = await createAnnouncement(h.pool, { orgUnitId: unit, title: `authz ${unit}`, body: 'outside announcement', pinned: true, createdBy: 'authz-test' });
    const id = crypto.randomUUID();
    await h.pool.query(
      `insert into import_batches (id, kind, content_sha256, content_type, row_count, accepted, rejected, report, imported_by, org_unit_id)
       values ($1, 'customers', $2, 'application/json', 0, 0, 0, $3, 'authz-test', $4)`,
      [id, crypto.randomBytes(32).toString('hex'), JSON.stringify({ importId: id, kind: 'customers', rows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [] }), unit],
    );
    importAt[unit] = id;
  }
  const imp = await api(h.baseUrl, '/api/imports/customers', { token: token.manager, body: [customerRow(CUSTOMER_AT[INSIDE_UNIT])] });
  if (imp.status !== 200) throw new Error(`import: ${imp.status} ${JSON.stringify(imp.body)}`);

  const fresh = new Map<string, Promise<CaseRef>>();
  const onReview = new Map<string, Promise<CaseRef>>();
  return {
    h, token, device, insideCase, caseAt, colleagueCase, insideCampaign: created.body.id, campaignAt, insideImport: imp.body.importId, importAt, announcementAt,
    foreignNotification: note.rows[0].id, deviceAt,
    freshCase(name) {
      if (!fresh.has(name)) {
        fresh.set(name, openFieldCase(h, token.supervisor, CUSTOMER_AT[INSIDE_UNIT].accountNo, 'special').then(async (c) => ({
          id: c.id, workflowId: c.workflowId, orgUnitId: (await h.pool.query('select org_unit_id from cases where id = $1', [c.id])).rows[0].org_unit_id,
        })));
      }
      return fresh.get(name)!;
    },
    reviewCaseAt(unit, name = 'queue') {
      const key = `${unit}:${name}`;
      if (!onReview.has(key)) {
        onReview.set(key, (async () => {
          const c = await startCaseDirectly(h, CUSTOMER_AT[unit].accountNo, { note: `authz matrix: a visit on review (${name})` });
          await waitFor(`case at ${unit} offered`, async () => (await h.pool.query("select 1 from cases where id = $1 and stage = 'field_evidence' and assignee is not null", [c.id])).rowCount);
          await submitWeakFindings(h.client, h.pool, c.workflowId);
          return c;
        })());
      }
      return onReview.get(key)!;
    },
    async newDevice() {
      // with a key: binding needs one
      const id = newDeviceId('authz-new');
      await registerDevice(h.pool, { id, label: 'authz spare', platform: 'android', by: 'authz-test', publicKey: (await deviceKey(id)).publicJwk });
      return id;
    },
    outsideUnit: (role) => OUTSIDE_UNIT[role],
    outsideCase: (role) => caseAt[OUTSIDE_UNIT[role]],
    outsideCustomer: (role) => CUSTOMER_AT[OUTSIDE_UNIT[role]].accountNo,
    insideCustomer: CUSTOMER_AT[INSIDE_UNIT].accountNo,
    routes: liveRoutes(h),
  };
}

/** The demo customer as an import row of the customers kind (re-importing it changes nothing). */
export function customerRow(c: DemoCustomer) {
  return {
    account_no: c.accountNo, name: c.name, address: c.address, lat: c.lat, lon: c.lon, tariff_category: c.tariffCategory, contract_capacity_kva: c.capacityKva,
    meter_no: c.meterNo, whitelist: c.whitelist, station_id: c.stationId, grid_id: c.gridId,
  };
}

/**
 * Cancels every case the run opened (they were offered to the demo inspectors and would crowd their task lists in
 * later tests) and stops every other workflow of the run; all of them ran on this harness's own task queue.
 */
async function closeRunWorkflows(h: Harness): Promise<void> {
  const open = h.client.workflow.list({ query: `TaskQueue = '${h.config.TEMPORAL_TASK_QUEUE}' AND ExecutionStatus = 'Running'` });
  for await (const wf of open) {
    const handle = h.client.workflow.getHandle(wf.workflowId);
    if (wf.type === INSPECTION_CASE_WORKFLOW) {
      const row = await h.pool.query<{ org_unit_id: string }>('select org_unit_id from cases where workflow_id = $1', [wf.workflowId]);
      const actor = { username: 'authz-test', roles: ['manager' as const], orgUnit: row.rows[0]?.org_unit_id ?? 'HB' };
      const cancelled = await handle.executeUpdate(cancelUpdate, { args: [{ reason: 'authz matrix: test data', actor }] }).then(() => true, () => false);
      if (cancelled) continue;
    }
    await handle.terminate('authz matrix: test data').catch(() => undefined);
  }
}

export async function disposeWorld(w: World | undefined): Promise<void> {
  if (!w) return;
  await closeRunWorkflows(w.h).catch((e) => process.stderr.write(`authz: closing the run's workflows: ${e}\n`));
  await w.h.pool.query("delete from judgement_rule_sets where version like 'authz-%'");
  await w.h.pool.query("delete from assessment_rule_sets where version like 'authz-%'");
  await w.h.pool.query("delete from penalty_rule_sets where version like 'authz-%'");
  await w.h.pool.query("delete from case_policies where version like 'authz-%'");
  await w.h.pool.query('delete from calendar_years where year = $1', [AUTHZ_CALENDAR_YEAR]);
  await w.h.pool.query("delete from tariff_prices where source = 'authz matrix'");
  // announcements the fixtures published would crowd the 50 a terminal is shown
  await w.h.pool.query("delete from announcements where title like 'authz%'");
  await w.h.pool.query("update escalations set resolved_at = now() where stage = 'authz' and resolved_at is null");
  await w.h.stop();
}
