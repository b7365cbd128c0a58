// `npm start` seeds: the demo org tree and customers, a small synthetic utility (2,000 generated customers with
// planted anomalies), open cases started as real workflows, and six months of the pilot system's closed cases
// (imported history, its months closed by the period close the worker runs once it starts); once the worker and the
// API run, the live cases (scripts/seed/demoLiveCases.ts) are taken through their stages: one in every stage, the
// pilot's own example closed.
import { Client, Connection, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { loadConfig } from '../config/env';
import { createPool } from '../db/pool';
import { seedReferenceData } from '../db/seed/seedReference';
import { seedMobileContent } from '../db/mobileContent';
import { demoPopulation } from '../db/seed/demoPopulation';
import { upsertPopulation } from '../db/synthetic/loadPopulation';
import { caseWorkflowId, INSPECTION_CASE_WORKFLOW, type InspectionCaseInput } from '../domain/inspectionCaseContract';
import { seedDemoHistory } from '../services/imports/demoHistory';
import { startPeriodClose } from '../services/assessment/periods';
import { DEMO_LIVE_ACCOUNTS, ensureDemoPolicies, liveCasePlan, seedLiveCases, startLiveCases } from './seed/demoLiveCases';
import { deviceKeyOnDisk } from './terminal/client';

const DEMO_CASES: Omit<InspectionCaseInput, 'requestedAt'>[] = [
  { caseId: '00000000-0000-4000-8000-000000000001', customerAccountNo: '4210000001', origin: 'special', note: '白名单居民大电量专项检查：合作社执行居民电价，月用电量偏大', createdBy: 'supervisor' },
  { caseId: '00000000-0000-4000-8000-000000000002', customerAccountNo: '4210000004', origin: 'routine', note: '稽查监控系统异常工单：零电量在用户', createdBy: 'supervisor' },
  { caseId: '00000000-0000-4000-8000-000000000003', customerAccountNo: '4212000020', origin: 'custom', note: '现场发现表箱封印异常', createdBy: 'manager' },
];

async function main() {
  const config = loadConfig();
  const pool = createPool(config.DATABASE_URL, 2);
  try {
    const ref = await seedReferenceData(pool);
    console.log(`[seed] ${ref.orgUnits} org units, ${ref.customers} customers`);
    if (ref.builtIns.refreshed.length) console.log(`[seed] built-in judgement rule sets not yet in force brought up to date: ${ref.builtIns.refreshed.join(', ')}`);
    if (ref.builtIns.stale.length) console.log(`[seed] built-in judgement rule sets stored as published before a later change (kept: in force or used already): ${ref.builtIns.stale.join(', ')}`);
    const content = await seedMobileContent(pool);
    console.log(`[seed] ${content.regulations} regulations and notices, ${content.announcements} announcements, ${content.feedback} feedback, ${content.consultations} consultations`);
    const population = demoPopulation();
    const loaded = await upsertPopulation(pool, population);
    console.log(`[seed] synthetic utility: ${population.customers} customers under ${population.root.id}, as of ${population.endMonth} (${loaded.skipped ? 'already loaded' : 'loaded'})`);
    const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
    const client = new Client({ connection, namespace: config.TEMPORAL_NAMESPACE });
    let started = 0;
    for (const c of DEMO_CASES) {
      try {
        await client.workflow.start(INSPECTION_CASE_WORKFLOW, {
          taskQueue: config.TEMPORAL_TASK_QUEUE,
          workflowId: caseWorkflowId(c.caseId),
          args: [{ ...c, requestedAt: new Date().toISOString() }],
          workflowIdReusePolicy: 'REJECT_DUPLICATE',
        });
        started += 1;
      } catch (e) {
        if (!(e instanceof WorkflowExecutionAlreadyStartedError)) throw e;
      }
    }
    console.log(`[seed] demo cases: ${started} started, ${DEMO_CASES.length - started} already there`);
    const history = await seedDemoHistory(pool, { closeMonth: (m) => startPeriodClose(client, config.TEMPORAL_TASK_QUEUE, m, 'demo-seed') });
    console.log(`[seed] history (历史导入): ${history.imported ? `${history.imported} closed cases imported` : 'already there'}, ${history.months.join(' ')}; months to close: ${history.closing.join(' ') || 'none'}`);
    await ensureDemoPolicies(pool);
    const live = await startLiveCases(client, config.TEMPORAL_TASK_QUEUE, liveCasePlan(DEMO_LIVE_ACCOUNTS, 'demo', DEMO_CASES[0].caseId));
    console.log(`[seed] live demo cases: ${live} started (taken through their stages once the worker and the API run)`);
    await connection.close();
  } finally {
    await pool.end();
  }
}

/** Until the API and the worker answer their health checks (start.mjs starts them while this seeds). */
async function appsReady(config: ReturnType<typeof loadConfig>): Promise<void> {
  const up = (url: string) => fetch(url, { signal: AbortSignal.timeout(2000) }).then((r) => r.ok, () => false);
  for (const deadline = Date.now() + 300_000; ;) {
    if ((await up(`http://127.0.0.1:${config.PORT}/healthz`)) && (await up(`http://127.0.0.1:${config.WORKER_HEALTH_PORT}/healthz`))) return;
    if (Date.now() > deadline) throw new Error('the API or the worker did not come up within 5 minutes');
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** The live cases' steps, through the API and the worker. */
async function live() {
  const config = loadConfig();
  await appsReady(config);
  const pool = createPool(config.DATABASE_URL, 4);
  const connection = await Connection.connect({ address: config.TEMPORAL_ADDRESS });
  try {
    const t0 = Date.now();
    await ensureDemoPolicies(pool);
    const r = await seedLiveCases({
      pool, temporal: new Client({ connection, namespace: config.TEMPORAL_NAMESPACE }), taskQueue: config.TEMPORAL_TASK_QUEUE,
      baseUrl: process.env.JICHA_URL ?? `http://127.0.0.1:${config.PORT}`, keycloak: { url: config.KEYCLOAK_URL, realm: config.KEYCLOAK_REALM },
      password: process.env.DEMO_PASSWORD ?? 'jicha-demo', deviceKey: await deviceKeyOnDisk('demo-seed'),
      cases: liveCasePlan(DEMO_LIVE_ACCOUNTS, 'demo', DEMO_CASES[0].caseId),
    });
    console.log(`[seed] live demo cases: ${r.steps} steps taken in ${((Date.now() - t0) / 1000).toFixed(1)} s; ${r.cases.map((c) => `${c.key} ${c.stage}${c.escalationTier ? ` tier ${c.escalationTier}` : ''}`).join(', ')}`);
  } finally {
    await connection.close();
    await pool.end();
  }
}

// No argument: the reference data and the cases' starts; `live`: the live cases' steps; `all`: both, the steps once
// the API and the worker are up (`npm start` runs it while it starts them).
const mode = process.argv[2];
(mode === 'live' ? live() : mode === 'all' ? main().then(live) : main()).catch((e: Error) => {
  console.error(`[seed] ${e.message}`);
  process.exit(1);
});
