import crypto from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { LOG_ANCHOR_WORKFLOW, type LogAnchorResult } from '../../domain/logAnchorContract';
import { useTimeSkipping } from '../support/timeSkipping';

// The scheduled anchoring with a stubbed activity (tests/integration/logAnchors.test.ts runs the real one).
const ts = useTimeSkipping();

test('one run writes one anchor and reports where', async () => {
  const taskQueue = `wf-${crypto.randomUUID()}`;
  const written: LogAnchorResult = { objectKey: 'anchors/jicha/x.json', auditPosition: 7, cases: 2, caseEvents: 9 };
  let calls = 0;
  const worker = await Worker.create({
    connection: ts.env.nativeConnection, taskQueue, workflowBundle: ts.bundle,
    activities: { anchorLogHeads: async () => { calls += 1; return written; } },
  });
  const result = await worker.runUntil(() => ts.env.client.workflow.execute(LOG_ANCHOR_WORKFLOW, { taskQueue, workflowId: `anchors-${crypto.randomUUID()}` }));
  expect(result).toEqual(written);
  expect(calls).toBe(1);
});
