// npm run bench:history [-- --cases N]
// Drives N complete cases through the real worker, dev server and Postgres — judgement, field evidence (check-in,
// photos, a signature, a note, findings with the presence verdict over the visit's track), rectification issued and
// reported, verification rejected then passed, scoring — and prints what each case costs in Temporal history:
// the encoded History (protobuf bytes, as the server stores it) and the inputs of its recordCaseEvent activities.
// Not a timing bench: the figures are sizes, the same on any machine for the same workflow code.
import crypto from 'node:crypto';
import type { Client, WorkflowHandle } from '@temporalio/client';
import { bundleWorkflowCode } from '@temporalio/worker';
import { createWorker, WORKFLOWS_PATH } from '../worker/createWorker';
import {
  acceptUpdate, addNoteUpdate, attachEvidenceUpdate, caseWorkflowId, checkInUpdate, INSPECTION_CASE_WORKFLOW, issueRectificationUpdate, waitForStageUpdate,
  reportRectifiedUpdate, submitFindingsUpdate, verifyUpdate, type Actor,
} from '../domain/inspectionCaseContract';
import { computedTotalYuan } from '../domain/penalty';
import { demoCustomers } from '../db/seed/demoOrg';
import { numberArg } from './args';
import { startTemporalBench } from './temporalBench';

const CASES = numberArg('cases', 5);

const inspector: Actor = { username: 'inspector', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ' };
const lead: Actor = { username: 'lead', roles: ['station_lead'], orgUnit: 'HB.XN.XA.WQ' };
const supervisor: Actor = { username: 'supervisor', roles: ['supervisor'], orgUnit: 'HB.XN' };
const customer = demoCustomers().find((c) => c.accountNo === '4210000001')!;
const sha = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

/** One complete case, every stage; returns its handle once it closed. */
export async function completeCase(client: Client, taskQueue: string): Promise<WorkflowHandle> {
  const caseId = crypto.randomUUID();
  const h = await client.workflow.start(INSPECTION_CASE_WORKFLOW, {
    taskQueue, workflowId: caseWorkflowId(caseId),
    args: [{ caseId, customerAccountNo: customer.accountNo, origin: 'special', createdBy: 'supervisor', requestedAt: new Date().toISOString() }],
  });
  await h.executeUpdate(waitForStageUpdate, { args: [{ stages: ['field_evidence'] }] });
  const at = new Date().toISOString();
  await h.executeUpdate(acceptUpdate, { args: [{ actor: inspector }] });
  await h.executeUpdate(checkInUpdate, { args: [{ lat: customer.lat!, lon: customer.lon!, accuracyM: 6, deviceTime: at, signals: { source: 'gps', mockLocation: false }, actor: inspector }] });
  for (const n of [1, 2, 3, 4]) {
    await h.executeUpdate(attachEvidenceUpdate, { args: [{ evidenceId: `${caseId}-p${n}`, kind: 'photo', sha256: sha(`${caseId}-p${n}`), sizeBytes: 850_000 + n, verified: true, capturedAt: at, lat: customer.lat!, lon: customer.lon!, actor: inspector }] });
  }
  await h.executeUpdate(attachEvidenceUpdate, { args: [{ evidenceId: `${caseId}-sig`, kind: 'signature', sha256: sha(`${caseId}-sig`), sizeBytes: 12_000, verified: true, capturedAt: at, actor: inspector }] });
  await h.executeUpdate(addNoteUpdate, { args: [{ text: '客户现场经营餐馆，营业执照登记为个体工商户；电表箱封印完好。', actor: inspector }] });
  await h.executeUpdate(submitFindingsUpdate, { args: [{
    result: 'confirmed', problemType: 'wrong_tariff', summary: '现场为餐馆，执行居民电价，应改为一般工商业电价',
    checklist: [{ code: 'TARIFF_NATURE', passed: false, note: '用电性质与电价不符' }, { code: 'METER_SEAL', passed: true }, { code: 'CAPACITY', passed: true }],
    presence: { confidence: 0.95, weak: false, reasons: [], computedAt: new Date().toISOString(), basis: { checkIns: 1, trackPoints: 180, photos: 4, verifiedPhotos: 4 } },
    actor: inspector,
  }] });
  const issued = await h.executeUpdate(issueRectificationUpdate, { args: [{
    actions: [
      { kind: 'tariff_reclassification', fromCategory: 'residential', toCategory: 'commercial', effectiveDate: '2026-11-15' },
      { kind: 'back_billing_and_penalty', penalty: { kind: 'wrong_tariff', monthlyKwh: 3000, appliedPriceYuanPerKwh: 0.57, correctPriceYuanPerKwh: 0.83, detectedOn: '2026-11-12' } },
    ],
    actor: lead,
  }] });
  const total = computedTotalYuan(issued.rectification!.computations);
  await h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '已改为商业电价，追补电费待缴', tariffChangedOn: '2026-11-15', collectedYuan: 0, actor: lead }] });
  await h.executeUpdate(verifyUpdate, { args: [{ outcome: 'reject', reason: '追补电费及违约使用电费未收取', newDeadlineWorkingDays: 3, actor: supervisor }] });
  await h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: '已收取追补电费及违约使用电费', tariffChangedOn: '2026-11-15', collectedYuan: total, receiptNo: 'XA-2026-1121', actor: lead }] });
  await h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: supervisor }] });
  const final = await h.result();
  if (final.stage !== 'closed' || final.verifications.length !== 2 || !final.score) throw new Error(`case ended at ${final.stage}`);
  return h;
}

export interface HistorySize {
  /** The encoded History message: every event of the case. */
  historyBytes: number;
  events: number;
  recordCaseEventCalls: number;
  /** The encoded input payloads of the recordCaseEvent activities. */
  recordCaseEventInputBytes: number;
  largestRecordCaseEventInput: number;
  /** Encoded bytes by kind of event (activity scheduled, update completed…). */
  byKind: Record<string, number>;
}

type Encodable = { constructor: { encode(m: unknown): { finish(): Uint8Array } } };
const encodedLength = (m: unknown): number => (m as Encodable).constructor.encode(m).finish().length;

/** Sizes of a finished workflow's history, as the protobuf messages the server returns (their own encoders). */
export async function historySize(h: WorkflowHandle): Promise<HistorySize> {
  const history = await h.fetchHistory();
  const inputs = (history.events ?? [])
    .map((e) => e.activityTaskScheduledEventAttributes)
    .filter((a) => a?.activityType?.name === 'recordCaseEvent')
    .map((a) => encodedLength(a!.input));
  const byKind: Record<string, number> = {};
  for (const e of history.events ?? []) {
    const kind = Object.keys(e).find((k) => k.endsWith('EventAttributes') && (e as Record<string, unknown>)[k]) ?? 'other';
    byKind[kind] = (byKind[kind] ?? 0) + encodedLength(e);
  }
  return {
    byKind,
    historyBytes: encodedLength(history),
    events: history.events?.length ?? 0,
    recordCaseEventCalls: inputs.length,
    recordCaseEventInputBytes: inputs.reduce((s, n) => s + n, 0),
    largestRecordCaseEventInput: Math.max(0, ...inputs),
  };
}

async function main() {
  const { base, db, client, native, quiet, close } = await startTemporalBench(5);
  const taskQueue = `bench-history-${crypto.randomUUID()}`;
  const workflowBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet });
  const worker = await createWorker({ connection: native, namespace: base.TEMPORAL_NAMESPACE, taskQueue, pool: db, workflowBundle });
  const sizes: HistorySize[] = [];
  await worker.runUntil(async () => {
    for (let i = 0; i < CASES; i += 1) sizes.push(await historySize(await completeCase(client, taskQueue)));
  });
  await close();
  const mean = (k: Exclude<keyof HistorySize, 'byKind'>) => Math.round(sizes.reduce((s, x) => s + x[k], 0) / sizes.length);
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  console.log(`${CASES} complete cases (judgement → field evidence → rectification → verification rejected, then passed → scored, closed)`);
  console.log(`history events per case         ${mean('events')}`);
  console.log(`recordCaseEvent calls per case  ${mean('recordCaseEventCalls')}`);
  console.log(`recordCaseEvent input per case  ${mean('recordCaseEventInputBytes')} B (${kb(mean('recordCaseEventInputBytes'))}); largest one ${kb(Math.max(...sizes.map((s) => s.largestRecordCaseEventInput)))}`);
  const kinds = [...new Set(sizes.flatMap((s) => Object.keys(s.byKind)))]
    .map((k) => [k.replace(/EventAttributes$/, ''), sizes.reduce((n, s) => n + (s.byKind[k] ?? 0), 0) / sizes.length] as const)
    .sort((a, b) => b[1] - a[1]);
  for (const [k, n] of kinds.slice(0, 6)) console.log(`  ${k.padEnd(36)} ${kb(n)}`);
  console.log(`history bytes per case          ${mean('historyBytes')} B (${kb(mean('historyBytes'))})`);
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
