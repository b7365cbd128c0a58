import crypto from 'node:crypto';
import { Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import type { WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { CAMPAIGN_WORKFLOW, campaignWorkflowId, pauseUpdate, progressQuery, resumeUpdate, type CampaignInput, type CampaignProgress } from '../../domain/campaignContract';
import { bundleWorkflows, createTimeSkippingEnv } from '../support/timeSkipping';

// The campaign workflow's own logic with stubbed activities (tests/integration/campaign.test.ts runs the real ones).
let env: TestWorkflowEnvironment;
let bundle: WorkflowBundleWithSourceMap;

beforeAll(async () => {
  [env, bundle] = await Promise.all([createTimeSkippingEnv(), bundleWorkflows()]);
}, 120_000);
afterAll(async () => {
  await env?.teardown();
});

/** A fake campaign of `selected` customers; batch `gateAt` (1-based) waits until released. */
function fakeActivities(selected: number, opts: { gateAt?: number; failFirstBatchTimes?: number } = {}) {
  const calls = { batches: 0, statuses: [] as string[], selections: 0 };
  let created = 0;
  let release!: () => void;
  const gate = new Promise<void>((r) => { release = r; });
  let failures = opts.failFirstBatchTimes ?? 0;
  const acts = {
    async selectCampaignCustomers() {
      calls.selections += 1;
      return { matched: selected + 5, selected, asOfMonth: '2026-08' };
    },
    async startCampaignCaseBatch(req: { campaignId: string; batchSize: number }) {
      if (failures-- > 0) throw new Error('Temporal briefly unavailable');
      calls.batches += 1;
      if (calls.batches === opts.gateAt) await gate;
      created = Math.min(selected, created + req.batchSize);
      return { selected, created, failed: 0 };
    },
    async setCampaignStatus(_id: string, status: string) {
      calls.statuses.push(status);
    },
  };
  return { acts, calls, release: () => release() };
}

async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

test('selects once, starts cases batch by batch until all are created, retrying a failed batch', async () => {
  const taskQueue = `wf-${crypto.randomUUID()}`;
  const { acts, calls } = fakeActivities(10, { failFirstBatchTimes: 2 });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: acts });
  await worker.runUntil(async () => {
    const input: CampaignInput = { campaignId: crypto.randomUUID(), batchSize: 3 };
    const result = await env.client.workflow.execute(CAMPAIGN_WORKFLOW, { taskQueue, workflowId: campaignWorkflowId(input.campaignId), args: [input] });
    expect(result).toEqual<CampaignProgress>({ campaignId: input.campaignId, phase: 'completed', paused: false, matched: 15, selected: 10, created: 10, failed: 0 });
  });
  expect(calls).toEqual({ selections: 1, batches: 4, statuses: ['completed'] });
});

test('pause stops new batches after the one in flight, progress is queryable, resume finishes the campaign', async () => {
  const taskQueue = `wf-${crypto.randomUUID()}`;
  const { acts, calls, release } = fakeActivities(9, { gateAt: 2 });
  const worker = await Worker.create({ connection: env.nativeConnection, taskQueue, workflowBundle: bundle, activities: acts });
  await worker.runUntil(async () => {
    const input: CampaignInput = { campaignId: crypto.randomUUID(), batchSize: 3 };
    const handle = await env.client.workflow.start(CAMPAIGN_WORKFLOW, { taskQueue, workflowId: campaignWorkflowId(input.campaignId), args: [input] });
    await until(async () => calls.batches === 2, 'the second batch');
    expect(await handle.query(progressQuery)).toMatchObject({ phase: 'creating', selected: 9, created: 3, paused: false });

    const paused = await handle.executeUpdate(pauseUpdate);
    expect(paused.paused).toBe(true);
    release(); // the batch in flight completes; no further batch starts while paused
    await until(async () => calls.statuses.includes('paused'), 'the paused status');
    await env.sleep('1 hour');
    expect(calls.batches).toBe(2);
    expect(await handle.query(progressQuery)).toMatchObject({ phase: 'creating', created: 6, paused: true });

    await handle.executeUpdate(resumeUpdate);
    const result = await handle.result();
    expect(result).toMatchObject({ phase: 'completed', created: 9, paused: false });
    expect(calls.batches).toBe(3);
    expect(calls.statuses).toEqual(['paused', 'running', 'completed']);
  });
});
