// `npm start` seeds: the demo org tree and customers, a small synthetic utility (2,000 generated customers with
// planted anomalies), three open cases started as real workflows, and six months of the pilot system's closed cases
// (imported history, its months closed by the period close the worker runs once it starts).
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
    await connection.close();
  } finally {
    await pool.end();
  }
}

main().catch((e: Error) => {
  console.error(`[seed] ${e.message}`);
  process.exit(1);
});
