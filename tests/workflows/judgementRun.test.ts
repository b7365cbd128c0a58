import crypto from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { JUDGEMENT_RUN_SCHEDULE_ID, JUDGEMENT_RUN_WORKFLOW, type JudgementRunInput, type JudgementRunResult } from '../../domain/judgementRunContract';
import { judgementRunSchedule } from '../../worker/schedules';
import { useTimeSkipping } from '../support/timeSkipping';

// The stored daily judgement run: the workflow hands its input to the one activity and answers its result
// (tests/integration/judgementLineLoss.test.ts runs the real activity); the daily schedule starts it at 05:00 China time.
const ts = useTimeSkipping();

test('the run passes who asked, the version and month to the activity and answers what it stored', async () => {
  const inputs: JudgementRunInput[] = [];
  const taskQueue = `wf-${crypto.randomUUID()}`;
  const worker = await Worker.create({
    connection: ts.env.nativeConnection, taskQueue, workflowBundle: ts.bundle,
    activities: {
      async runStoredJudgement(input: JudgementRunInput): Promise<JudgementRunResult> {
        inputs.push(input);
        return { runId: 42, ruleSetVersion: input.ruleSetVersion ?? 'in-force', asOfMonth: input.asOfMonth ?? '2026-11', customers: 10, flagged: 3 };
      },
    },
  });
  const input: JudgementRunInput = { requestedBy: 'admin', ruleSetVersion: 'draft-1', asOfMonth: '2026-10' };
  const result = await worker.runUntil(() => ts.env.client.workflow.execute(JUDGEMENT_RUN_WORKFLOW, { taskQueue, workflowId: `judgement-run-${crypto.randomUUID()}`, args: [input] }));
  expect(inputs).toEqual([input]);
  expect(result).toEqual({ runId: 42, ruleSetVersion: 'draft-1', asOfMonth: '2026-10', customers: 10, flagged: 3 });
});

test('the daily schedule: 05:00 China time, the scheduled run named as such, overlaps skipped', () => {
  const s = judgementRunSchedule('q1');
  expect(s.spec).toMatchObject({ calendars: [{ hour: 5, minute: 0 }], timezone: 'Asia/Shanghai' });
  expect(s.action).toMatchObject({ type: 'startWorkflow', workflowType: JUDGEMENT_RUN_WORKFLOW, taskQueue: 'q1', workflowId: JUDGEMENT_RUN_SCHEDULE_ID, args: [{ requestedBy: 'schedule' }] });
  expect(s.policies.overlap).toBe('SKIP');
});
