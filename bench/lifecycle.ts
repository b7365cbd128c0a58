// npm run bench:lifecycle [-- --cases N --concurrency C]
// Drives N complete cases (field visit, rectification with penalty, verification, scoring) through the real
// worker, dev server and Postgres, and in the same run the floor: a no-op workflow with the same number of
// Updates and activities. Prints cases/s for both; last line: lifecycle/floor ratio (target ≥ 0.7).
import crypto from 'node:crypto';
import path from 'node:path';
import type { Client } from '@temporalio/client';
import { Worker, bundleWorkflowCode } from '@temporalio/worker';
import { createWorker, WORKFLOWS_PATH } from '../worker/createWorker';
import {
  acceptUpdate, attachEvidenceUpdate, caseWorkflowId, checkInUpdate, INSPECTION_CASE_WORKFLOW, issueRectificationUpdate, waitForStageUpdate,
  reportRectifiedUpdate, submitFindingsUpdate, verifyUpdate, type Actor,
} from '../domain/inspectionCaseContract';
import { demoCustomers } from '../db/seed/demoOrg';
import { floorStep } from './floorWorkflow';
import { startTemporalBench } from './temporalBench';

const arg = (name: string, dflt: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const CASES = arg('cases', 120);
const CONCURRENCY = arg('concurrency', 12);
const UPDATES_PER_CASE = 10; // waitForStage + the nine human steps

const inspector: Actor = { username: 'inspector', roles: ['inspector'], orgUnit: 'HB.XN.XA.WQ' };
const lead: Actor = { username: 'lead', roles: ['station_lead'], orgUnit: 'HB.XN.XA.WQ' };
const supervisor: Actor = { username: 'supervisor', roles: ['supervisor'], orgUnit: 'HB.XN' };
const customer = demoCustomers().find((c) => c.accountNo === '4210000001')!;


async function pool<T>(n: number, limit: number, fn: (i: number) => Promise<T>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < n) await fn(next++);
  }));
}

async function oneCase(client: Client, taskQueue: string): Promise<void> {
  const caseId = crypto.randomUUID();
  const h = await client.workflow.start(INSPECTION_CASE_WORKFLOW, { taskQueue, workflowId: caseWorkflowId(caseId), args: [{ caseId, customerAccountNo: customer.accountNo, origin: 'special', createdBy: 'supervisor', requestedAt: new Date().toISOString() }] });
  await h.executeUpdate(waitForStageUpdate, { args: [{ stages: ['field_evidence'] }] });
  const at = new Date().toISOString();
  await h.executeUpdate(acceptUpdate, { args: [{ actor: inspector }] });
  await h.executeUpdate(checkInUpdate, { args: [{ lat: customer.lat, lon: customer.lon, accuracyM: 5, deviceTime: at, actor: inspector }] });
  for (const n of [1, 2]) {
    await h.executeUpdate(attachEvidenceUpdate, { args: [{ evidenceId: `b${n}`, kind: 'photo', sha256: 'a'.repeat(64), sizeBytes: 100, verified: true, capturedAt: at, actor: inspector }] });
  }
  await h.executeUpdate(submitFindingsUpdate, { args: [{ result: 'confirmed', problemType: 'wrong_tariff', checklist: [], summary: 'bench', actor: inspector }] });
  await h.executeUpdate(issueRectificationUpdate, { args: [{ actions: [{ kind: 'back_billing_and_penalty', penalty: { kind: 'wrong_tariff', monthlyKwh: 100, appliedPriceYuanPerKwh: 0.5, correctPriceYuanPerKwh: 0.8, detectedOn: '2026-11-01' } }], actor: lead }] });
  await h.executeUpdate(reportRectifiedUpdate, { args: [{ summary: 'done', actor: lead }] });
  await h.executeUpdate(verifyUpdate, { args: [{ outcome: 'pass', actor: supervisor }] });
  const final = await h.result();
  if (final.stage !== 'closed') throw new Error(`case ended at ${final.stage}`);
}

async function oneFloor(client: Client, taskQueue: string, atStart: number, atEnd: number): Promise<void> {
  const h = await client.workflow.start('floorCase', { taskQueue, workflowId: `floor-${crypto.randomUUID()}`, args: [UPDATES_PER_CASE, atStart, atEnd] });
  for (let i = 0; i < UPDATES_PER_CASE; i += 1) await h.executeUpdate(floorStep, { args: [i] });
  await h.result();
}

async function main() {
  const { base, db, client, native, quiet, close } = await startTemporalBench(20);
  const caseQueue = `bench-case-${crypto.randomUUID()}`;
  const floorQueue = `bench-floor-${crypto.randomUUID()}`;
  const caseBundle = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, logger: quiet });
  const floorBundle = await bundleWorkflowCode({ workflowsPath: path.join(__dirname, 'floorWorkflow.ts'), logger: quiet });
  // a Worker runs once: each phase gets a new one
  const caseWorker = () => createWorker({ connection: native, namespace: base.TEMPORAL_NAMESPACE, taskQueue: caseQueue, pool: db, workflowBundle: caseBundle });
  const floorWorker = () => Worker.create({
    connection: native, namespace: base.TEMPORAL_NAMESPACE, taskQueue: floorQueue, workflowBundle: floorBundle,
    activities: { async noop(n: number) { return n; } },
  });

  // Activities in one full case, counted from a real run's history, so the floor does the same amount of work.
  let activities = 0;
  await (await caseWorker()).runUntil(async () => {
    await oneCase(client, caseQueue);
  });
  const probeId = (await (async () => { for await (const w of client.workflow.list({ query: `TaskQueue = '${caseQueue}'` })) return w.workflowId; return null; })())!;
  const history = await client.workflow.getHandle(probeId).fetchHistory();
  activities = (history.events ?? []).filter((e) => e.activityTaskScheduledEventAttributes).length;
  const inUpdates = UPDATES_PER_CASE; // the floor runs one activity per update
  const atStart = Math.max(0, Math.ceil((activities - inUpdates) / 2));
  const atEnd = Math.max(0, activities - inUpdates - atStart);
  console.log(`one case = ${UPDATES_PER_CASE} updates, ${activities} activities (floor: ${UPDATES_PER_CASE} updates, ${atStart + UPDATES_PER_CASE + atEnd} activities)`);

  const timed = async (name: string, w: Worker, fn: () => Promise<void>) => {
    const t0 = process.hrtime.bigint();
    await w.runUntil(fn);
    const s = Number(process.hrtime.bigint() - t0) / 1e9;
    const rate = CASES / s;
    console.log(`${name.padEnd(9)} ${CASES} cases, concurrency ${CONCURRENCY}: ${s.toFixed(2)} s, ${rate.toFixed(2)} cases/s`);
    return rate;
  };
  const floorRate = await timed('floor', await floorWorker(), () => pool(CASES, CONCURRENCY, () => oneFloor(client, floorQueue, atStart, atEnd)));
  const caseRate = await timed('lifecycle', await caseWorker(), () => pool(CASES, CONCURRENCY, () => oneCase(client, caseQueue)));
  await close();
  console.log(`lifecycle/floor ${(caseRate / floorRate).toFixed(2)}`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
