import crypto from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { WorkflowFailedError } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import type { CaseEvent } from '../../domain/caseEvents';
import { caseWorkflowId, getStateQuery, INSPECTION_CASE_WORKFLOW, type InspectionCaseInput } from '../../domain/inspectionCaseContract';
import { bundleWorkflows, createTimeSkippingEnv } from '../support/timeSkipping';

// Activities are stubbed here (the integration tests run the real ones): this checks the workflow's own logic.
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
}, 120_000);
afterAll(async () => {
  await env?.teardown();
});

function recordingActivities(log: CaseEvent[], opts: { failOpenTimes?: number } = {}) {
  let failures = opts.failOpenTimes ?? 0;
  return {
    async recordCaseOpened(_input: InspectionCaseInput, e: CaseEvent) {
      if (failures-- > 0) throw new Error('database briefly unavailable');
      log.push(e);
      return { caseNo: 'JC-2026-000042' };
    },
    async recordCaseEvent(e: CaseEvent) {
      log.push(e);
    },
  };
}

function input(): InspectionCaseInput {
  return { caseId: crypto.randomUUID(), customerAccountNo: '4210000001', origin: 'custom', createdBy: 'supervisor', requestedAt: '2026-04-01T01:00:00.000Z' };
}

test('opening records event 1 with the request time and exposes the state by query', async () => {
  const events: CaseEvent[] = [];
  const taskQueue = `wf-${crypto.randomUUID()}`;
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: recordingActivities(events, { failOpenTimes: 2 }) });
  await worker.runUntil(async () => {
    const i = input();
    const handle = await env.client.workflow.start(INSPECTION_CASE_WORKFLOW, { taskQueue, workflowId: caseWorkflowId(i.caseId), args: [i] });
    let state = await handle.query(getStateQuery);
    for (let n = 0; !state.recorded && n < 100; n += 1) {
      await env.sleep(1000);
      state = await handle.query(getStateQuery);
    }
    expect(state).toEqual({ caseId: i.caseId, stage: 'judgement', priority: 'normal', recorded: true, caseNo: 'JC-2026-000042', eventSeq: 1 });
    // retried twice, recorded once
    expect(events).toEqual([expect.objectContaining({ caseId: i.caseId, seq: 1, type: 'opened', stage: 'judgement', occurredAt: i.requestedAt })]);

    await handle.cancel();
    await expect(handle.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(events.map((e) => [e.seq, e.type, e.stage])).toEqual([[1, 'opened', 'judgement'], [2, 'cancelled', 'cancelled']]);
  });
});
