import crypto from 'node:crypto';
import { attachEvidenceUpdate, getStateQuery } from '../../domain/inspectionCaseContract';
import { storedCaseScore } from '../../db/assessmentScores';
import { verifyCaseChain } from '../../db/caseLog';
import { startHarness, api, type Harness } from '../support/harness';
import { tokenFor } from '../support/keycloak';
import { bindDevice, newDeviceId, postApproachTrack } from '../support/mobile';
import { killHard, startWorkerProcess } from '../support/workerProcess';

// Real dev server, Postgres and Keycloak; the worker is the real worker/main.ts process, killed with SIGKILL mid-case.
let h: Harness;
const workers: Awaited<ReturnType<typeof startWorkerProcess>>[] = [];
let tokens: Record<'supervisor' | 'inspector' | 'lead' | 'admin', string>;

beforeAll(async () => {
  h = await startHarness({ inProcessWorker: false });
  const [supervisor, inspector, lead, admin] = await Promise.all([tokenFor('supervisor'), tokenFor('inspector'), tokenFor('lead'), tokenFor('admin')]);
  tokens = { supervisor, inspector, lead, admin };
}, 120_000);

afterAll(async () => {
  for (const w of workers) await killHard(w.child);
  await h?.stop();
});

const workerEnv = () => ({ TEMPORAL_TASK_QUEUE: h.config.TEMPORAL_TASK_QUEUE, DATABASE_URL: h.config.DATABASE_URL });

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function step(id: string, action: string, token: string, body: object) {
  const res = await api(h.baseUrl, `/api/cases/${id}/actions/${action}`, { token, body });
  if (res.status !== 200) throw new Error(`${action}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

test('a case survives its worker being killed mid-case: no lost or duplicated steps or read-model rows', async () => {
  workers.push(await startWorkerProcess(workerEnv()));
  const created = await api(h.baseUrl, '/api/cases', { token: tokens.supervisor, body: { duplicateReason: '测试：每个测试单独立案', customerAccountNo: '4210000009', origin: 'routine', note: 'crash test' } });
  expect(created.status).toBe(201);
  const id: string = created.body.id;
  const handle = h.client.workflow.getHandle(created.body.workflowId);
  await waitFor('field evidence', async () => (await handle.query(getStateQuery)).stage === 'field_evidence');

  // the field visit through the API as the real users
  const live = await api(h.baseUrl, `/api/cases/${id}/live`, { token: tokens.inspector });
  expect(live.body).toMatchObject({ stage: 'field_evidence', assignee: 'inspector', assignment: 'offered' });
  await step(id, 'accept', tokens.inspector, {});
  const site = { lat: 29.8527 + ((9 * 37) % 100) / 10_000, lon: 114.3189 + ((9 * 53) % 100) / 10_000 };
  // the terminal's GPS track of the approach: without it the presence verdict is weak and the findings need a justification
  const device = newDeviceId('crash');
  await bindDevice(h.baseUrl, tokens.admin, device, 'inspector');
  await postApproachTrack(h.baseUrl, { token: tokens.inspector, device }, id, site);
  const checkIn = await step(id, 'check-in', tokens.inspector, { ...site, accuracyM: 6, deviceTime: new Date().toISOString() });
  expect(checkIn).toMatchObject({ insideGeofence: true, distanceM: 0 });
  // the upload-confirm step (mobile API) attaches verified evidence; here the test plays that server step
  for (const n of [1, 2]) {
    await handle.executeUpdate(attachEvidenceUpdate, { args: [{ evidenceId: `crash-${n}`, kind: 'photo', sha256: crypto.createHash('sha256').update(`p${n}`).digest('hex'), sizeBytes: 2048, verified: true, capturedAt: new Date().toISOString(), actor: { username: 'inspector', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ' } }] });
  }
  await step(id, 'findings', tokens.inspector, { result: 'confirmed', problemType: 'wrong_tariff', checklist: [{ code: 'TARIFF_NATURE', passed: false }], summary: '居民电价用于经营' });

  // kill -9 in the middle of the case, then ask for the next step while no worker runs
  await killHard(workers[0].child);
  const pending = step(id, 'rectification', tokens.lead, {
    actions: [{ kind: 'back_billing_and_penalty', penalty: { kind: 'wrong_tariff', monthlyKwh: 500, appliedPriceYuanPerKwh: 0.57, correctPriceYuanPerKwh: 0.83, detectedOn: '2026-11-20' } }],
  });
  await new Promise((r) => setTimeout(r, 1500));
  workers.push(await startWorkerProcess(workerEnv()));
  const afterRestart = await pending;
  expect(afterRestart).toMatchObject({ stage: 'rectification', rectification: { owner: 'lead', computations: [{ backBillingYuan: 390, penaltyYuan: 780, ruleSetVersion: 'penalty-2024' }] } });

  await step(id, 'rectification-report', tokens.lead, { summary: '已改类并追补', collectedYuan: 1170, receiptNo: 'XA-2026-1120' });
  const rejected = await api(h.baseUrl, `/api/cases/${id}/actions/verify`, { token: tokens.lead, body: { outcome: 'pass' } });
  expect(rejected.status).toBe(403);
  expect(rejected.body).toMatchObject({ code: 'case-step.role-required', params: { step: 'verify', roles: 'supervisor' }, detail: '复核须由以下角色之一办理：稽查专责。' });
  await step(id, 'verify', tokens.supervisor, { outcome: 'pass' });
  const final = await handle.result();
  expect(final.stage).toBe('closed');

  const events = (await h.pool.query<{ seq: number; type: string }>('select seq, type from case_events where case_id = $1 order by seq', [id])).rows;
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.map((e) => e.type)).toEqual([
    'opened', 'judged', 'stage_entered', 'accepted', 'checked_in', 'evidence_attached', 'evidence_attached', 'findings_submitted',
    'rectification_issued', 'rectification_reported', 'verified', 'stage_entered', 'scored', 'closed',
  ]);
  // the score is in the hash chain, as the assessment stored it
  const scored = (await h.pool.query("select payload from case_events where case_id = $1 and type = 'scored'", [id])).rows[0].payload;
  const stored = await storedCaseScore(h.pool, id);
  expect(stored!.lines.length).toBeGreaterThan(0);
  expect(scored).toEqual({ ruleSetVersion: stored!.ruleSetVersion, lines: stored!.lines, total: stored!.total });
  expect(final.eventSeq).toBe(events.length);
  expect(await verifyCaseChain(h.pool, id)).toEqual({ caseId: id, rows: events.length, ok: true });
  const row = (await h.pool.query('select stage, last_event_seq, score_total, verification_rounds, problem_type from cases where id = $1', [id])).rows[0];
  expect(row).toEqual({ stage: 'closed', last_event_seq: events.length, score_total: final.score!.total, verification_rounds: 1, problem_type: 'wrong_tariff' });
  const lines = (await h.pool.query('select count(*)::int as n from case_score_lines where case_id = $1', [id])).rows[0].n;
  expect(lines).toBe(final.score!.lines.length);
}, 240_000);
