import crypto from 'node:crypto';
import { Worker } from '@temporalio/worker';
import { PERIOD_CLOSE_WORKFLOW, periodCloseWorkflowId, type PeriodCloseInput, type PeriodCloseResult } from '../../domain/periodCloseContract';
import { previousPeriod } from '../../domain/assessmentRules';
import { useTimeSkipping } from '../support/timeSkipping';

// The period-close workflow's own logic with a stubbed activity that behaves like the table (written once);
// tests/integration/assessment.test.ts closes a real month through the API and the real activity.
const ts = useTimeSkipping();

function fakeStore() {
  const closed = new Map<string, PeriodCloseResult>();
  const calls: { period: string; requestedBy: string }[] = [];
  let failures = 1;
  return {
    calls,
    closed,
    activities: {
      async closeAssessmentPeriod(req: { period: string; requestedBy: string }): Promise<PeriodCloseResult> {
        calls.push(req);
        if (failures-- > 0) throw new Error('database briefly unavailable');
        const before = closed.get(req.period);
        if (before) return { ...before, closedNow: false };
        const r = { period: req.period, ruleSetVersion: 'pilot-v1', caseCount: 3, closedAt: new Date(0).toISOString(), closedNow: true };
        closed.set(req.period, r);
        return r;
      },
    },
  };
}

test('closes the requested month, retrying a failed attempt; running it again changes nothing', async () => {
  const taskQueue = `wf-${crypto.randomUUID()}`;
  const store = fakeStore();
  const worker = await Worker.create({ connection: ts.env.nativeConnection, taskQueue, workflowBundle: ts.bundle, activities: store.activities });
  await worker.runUntil(async () => {
    const input: PeriodCloseInput = { period: '2026-10', requestedBy: 'manager' };
    const run = () => ts.env.client.workflow.execute(PERIOD_CLOSE_WORKFLOW, {
      taskQueue, workflowId: periodCloseWorkflowId('2026-10'), args: [input], workflowIdConflictPolicy: 'USE_EXISTING', workflowIdReusePolicy: 'ALLOW_DUPLICATE',
    });
    const first: PeriodCloseResult = await run();
    expect(first).toMatchObject({ period: '2026-10', closedNow: true, caseCount: 3 });
    const second: PeriodCloseResult = await run();
    expect(second).toEqual({ ...first, closedNow: false });
    expect(store.calls).toEqual([{ period: '2026-10', requestedBy: 'manager' }, { period: '2026-10', requestedBy: 'manager' }, { period: '2026-10', requestedBy: 'manager' }]);
    expect([...store.closed.keys()]).toEqual(['2026-10']);
  });
});

test('a scheduled run (no month given) closes the month before the one it started in', async () => {
  const taskQueue = `wf-${crypto.randomUUID()}`;
  const store = fakeStore();
  const worker = await Worker.create({ connection: ts.env.nativeConnection, taskQueue, workflowBundle: ts.bundle, activities: store.activities });
  await worker.runUntil(async () => {
    const handle = await ts.env.client.workflow.start(PERIOD_CLOSE_WORKFLOW, { taskQueue, workflowId: `scheduled-${crypto.randomUUID()}`, args: [{ requestedBy: 'schedule' } satisfies PeriodCloseInput] });
    const result: PeriodCloseResult = await handle.result();
    const started = (await handle.describe()).startTime;
    expect(result.period).toBe(previousPeriod(started));
    expect(store.calls.at(-1)).toEqual({ period: previousPeriod(started), requestedBy: 'schedule' });
  });
});
