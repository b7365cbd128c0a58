import crypto from 'node:crypto';
import type { ZodType } from 'zod';
import { demoCustomers } from '../../db/seed/demoOrg';
import { seedMobileContent } from '../../db/mobileContent';
import { inertRouteGroups } from '../../server/openapiCheck';
import type { RouteDef } from '../../http/route';
import { api, startHarness, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, mobile, newDeviceId, waitFor } from '../support/mobile';
import { testPhoto } from '../support/testPhotos';

// The response schemas are true: real answers of the case routes and the terminal's task routes (real stack, real case
// workflow) parse with the schemas their route definitions declare — the schemas the OpenAPI document is built from.

const ROUTES = new Map<string, RouteDef>(inertRouteGroups().flatMap((g) => g.routes.map((r) => [`${r.method.toUpperCase()} ${g.prefix}${r.path}`, r] as const)));

type Res = { status: number; body: any };
const checked: string[] = [];

/** The answer's status is one the route declares, and its body parses with that answer's schema. */
function conforms(route: string, res: Res): any {
  const def = ROUTES.get(route);
  if (!def) throw new Error(`no route ${route}`);
  const declared = [def.response, ...(def.otherResponses ?? [])].find((d) => d?.status === res.status);
  if (!declared) throw new Error(`${route} answered ${res.status}, which it does not declare: ${JSON.stringify(res.body)?.slice(0, 500)}`);
  if (declared.status !== 204) {
    const r = (declared.schema as ZodType).safeParse(res.body);
    if (!r.success) throw new Error(`${route} (${res.status}) does not match its schema: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  checked.push(route);
  return res.body;
}

const customer = demoCustomers().find((c) => c.accountNo === '4210000001')!;
let h: Harness;
let t: Record<'supervisor' | 'inspector' | 'lead' | 'admin', string>;
let device: string;
let caseId: string;

const step = async (who: keyof typeof t, action: string, body: unknown) => {
  const res = await api(h.baseUrl, `/api/cases/${caseId}/actions/${action}`, { token: t[who], body });
  expect({ action, status: res.status }).toEqual({ action, status: 200 });
  return conforms(`POST /api/cases/:id/actions/${action}`, res);
};
const taskDetail = async () => conforms('GET /mobile/v1/tasks/:id', await mobile(h.baseUrl, `/tasks/${caseId}`, { token: t.inspector, device }));

beforeAll(async () => {
  h = await startHarness();
  const [supervisor, inspector, lead, admin] = await Promise.all(['supervisor', 'inspector', 'lead', 'admin'].map((u) => tokenFor(u)));
  t = { supervisor, inspector, lead, admin };
  device = newDeviceId('contracts');
  await bindDevice(h.baseUrl, admin, device, 'inspector');
  await seedMobileContent(h.pool);
}, 120_000);

afterAll(async () => {
  await h?.stop();
});

test('a case walked through every stage: case detail, live state, each step\'s answer, the case log and the terminal\'s task detail match their schemas', async () => {
  const created = conforms('POST /api/cases', await api(h.baseUrl, '/api/cases', { token: t.supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: customer.accountNo, origin: 'special', note: 'response contracts' } }));
  caseId = created.id;
  const live = await waitFor('field evidence offer', async () => {
    const r = await api(h.baseUrl, `/api/cases/${caseId}/live`, { token: t.supervisor });
    return r.body?.stage === 'field_evidence' && r.body.assignee !== null ? r : null;
  });
  conforms('GET /api/cases/:id/live', live);
  conforms('GET /api/cases/:id', await api(h.baseUrl, `/api/cases/${caseId}`, { token: t.supervisor }));

  await step('lead', 'assign', { inspector: 'inspector' });
  await step('inspector', 'accept', {});
  await step('inspector', 'check-in', { lat: customer.lat, lon: customer.lon, accuracyM: 6, deviceTime: new Date().toISOString() });

  // a verified photo through the terminal: ticket, presigned PUT, confirm
  const photo = await testPhoto({ takenAt: new Date(), lat: customer.lat, lon: customer.lon });
  const sha256 = crypto.createHash('sha256').update(photo).digest('hex');
  const ticket = conforms('POST /mobile/v1/tasks/:id/evidence', await mobile(h.baseUrl, `/tasks/${caseId}/evidence`, {
    token: t.inspector, device, body: { kind: 'photo', contentType: 'image/jpeg', sizeBytes: photo.length, sha256, capturedAt: new Date().toISOString(), lat: customer.lat, lon: customer.lon },
  }));
  expect((await fetch(ticket.upload.url, { method: 'PUT', headers: ticket.upload.headers, body: photo })).status).toBe(200);
  conforms('POST /mobile/v1/tasks/:id/evidence/:evidenceId/confirm', await mobile(h.baseUrl, `/tasks/${caseId}/evidence/${ticket.evidenceId}/confirm`, { token: t.inspector, device, body: {} }));
  await taskDetail();

  await step('supervisor', 'note', { text: '合同约定为居民用电' });
  await step('inspector', 'findings', {
    result: 'confirmed', problemType: 'wrong_tariff', checklist: [{ code: 'TARIFF_NATURE', passed: false, note: '餐馆' }], summary: '现场为餐馆，执行居民电价',
    justification: 'one photo only: the second was refused by the customer',
  });
  // a weak visit (one photo, no track) waits for a supervisor's review (疑似虚假工单) before any order
  await step('supervisor', 'review', { decision: 'clear', note: '客户拒绝第二张拍照，已电话核实' });
  await step('inspector', 'rectification', {
    actions: [
      { kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: '2026-01-01' },
      { kind: 'back_billing_and_penalty', penalty: { kind: 'wrong_tariff', monthlyKwh: 3000, appliedPriceYuanPerKwh: 0.57, correctPriceYuanPerKwh: 0.83, detectedOn: '2026-01-01' } },
    ],
  });
  const detail = await taskDetail();
  expect(detail).toMatchObject({ stage: 'rectification', evidence: [expect.objectContaining({ status: 'confirmed' })], findings: expect.objectContaining({ result: 'confirmed' }) });
  expect(detail.rectification.computations).toHaveLength(1);

  await step('lead', 'rectification-report', { summary: '已改为商业电价', tariffChangedOn: '2026-01-15', collectedYuan: 0 });
  await step('supervisor', 'verify', { outcome: 'reject', reason: '未见追补电费到账凭证', newDeadlineWorkingDays: 3 });
  await step('lead', 'rectification-report', { summary: '电费已追补', collectedYuan: 7020, receiptNo: 'XA-2026-0115' });
  await step('supervisor', 'verify', { outcome: 'pass' });

  const closed = await waitFor('closed with a score', async () => {
    const r = await api(h.baseUrl, `/api/cases/${caseId}/live`, { token: t.supervisor });
    return r.body?.stage === 'closed' && r.body.score ? r : null;
  });
  expect(conforms('GET /api/cases/:id/live', closed).verifications).toHaveLength(2);
  const events = await waitFor('the closing event in the case log', async () => {
    const r = await api(h.baseUrl, `/api/cases/${caseId}/events`, { token: t.supervisor });
    return r.body?.some?.((e: { type: string }) => e.type === 'closed') ? r : null;
  });
  expect(conforms('GET /api/cases/:id/events', events).map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['opened', 'judged', 'checked_in', 'evidence_attached', 'verified', 'closed']));
  conforms('GET /api/cases/:id', await api(h.baseUrl, `/api/cases/${caseId}`, { token: t.supervisor }));
  expect((await taskDetail()).stage).toBe('closed');
}, 240_000);

test('dismissing, the terminal\'s steps and its other answers match their schemas too', async () => {
  const created = conforms('POST /api/cases', await api(h.baseUrl, '/api/cases', { token: t.supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: customer.accountNo, origin: 'special' } }));
  caseId = created.id;
  await waitFor('field evidence offer', async () => (await api(h.baseUrl, `/api/cases/${caseId}/live`, { token: t.supervisor })).body?.assignee);
  await step('lead', 'assign', { inspector: 'inspector' });
  conforms('POST /mobile/v1/tasks/:id/accept', await mobile(h.baseUrl, `/tasks/${caseId}/accept`, { token: t.inspector, device, body: {} }));
  conforms('POST /mobile/v1/tasks/:id/check-in', await mobile(h.baseUrl, `/tasks/${caseId}/check-in`, { token: t.inspector, device, body: { lat: customer.lat + 0.01, lon: customer.lon, accuracyM: 9, deviceTime: new Date().toISOString() } }));
  conforms('GET /mobile/v1/tasks', await mobile(h.baseUrl, '/tasks?pageSize=100', { token: t.inspector, device }));
  conforms('GET /mobile/v1/tasks/:id/evidence', await mobile(h.baseUrl, `/tasks/${caseId}/evidence`, { token: t.inspector, device }));
  conforms('GET /mobile/v1/customers', await mobile(h.baseUrl, `/customers?q=${customer.accountNo.slice(0, 6)}`, { token: t.inspector, device }));
  conforms('GET /mobile/v1/customers/:accountNo', await mobile(h.baseUrl, `/customers/${customer.accountNo}`, { token: t.inspector, device }));
  await taskDetail();
  await step('supervisor', 'dismiss', { reason: '重复立案' });
  conforms('GET /api/notifications', await api(h.baseUrl, '/api/notifications', { token: t.inspector }));
  conforms('GET /api/escalations', await api(h.baseUrl, '/api/escalations', { token: t.supervisor }));
  for (const path of ['/regulations', '/announcements', '/feedback', '/consultations']) conforms(`GET /mobile/v1${path}`, await mobile(h.baseUrl, path, { token: t.inspector, device }));
  conforms('GET /mobile/v1/admin/devices', await mobile(h.baseUrl, '/admin/devices', { token: t.admin }));
  conforms('GET /mobile/v1/admin/devices/:deviceId', await mobile(h.baseUrl, `/admin/devices/${device}`, { token: t.admin }));
  expect(new Set(checked).size).toBeGreaterThan(25);
}, 240_000);
