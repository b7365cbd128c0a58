import { WorkflowFailedError } from '@temporalio/client';
import type { CaseEvent } from '../../domain/caseEvents';
import type { InspectionCaseInput } from '../../domain/inspectionCaseContract';
import { getStateQuery } from '../../domain/inspectionCaseContract';
import { useTimeSkipping } from '../support/timeSkipping';
import { newInput, startCase, stubActivities, withCaseWorker } from './caseTestKit';

const ts = useTimeSkipping();

test('opening survives a failing first write (retried, recorded once), and a Temporal cancel records the cancellation', async () => {
  const { activities, rec } = stubActivities();
  let failures = 2;
  const flaky = {
    ...activities,
    async recordCaseOpened(i: InspectionCaseInput, e: CaseEvent) {
      if (failures-- > 0) throw new Error('database briefly unavailable');
      return activities.recordCaseOpened(i, e);
    },
  };
  await withCaseWorker(ts.env, ts.bundle, flaky, async (tq) => {
    const input = newInput({ requestedAt: '2026-04-01T01:00:00.000Z' });
    const h = await startCase(ts.env, tq, input);
    const s = await h.query(getStateQuery);
    expect(s).toMatchObject({ caseId: input.caseId, recorded: true, caseNo: 'JC-2026-000042', stage: 'field_evidence', priority: 'normal', policyVersion: 'policy-test' });
    expect(rec.events.filter((e) => e.type === 'opened')).toEqual([expect.objectContaining({ seq: 1, occurredAt: input.requestedAt })]);
    expect(failures).toBe(-1); // two failures, then success

    await h.cancel();
    await expect(h.result()).rejects.toBeInstanceOf(WorkflowFailedError);
    expect(rec.events.at(-1)).toMatchObject({ type: 'cancelled', stage: 'cancelled' });
    expect(rec.snapshots.at(-1)).toMatchObject({ stage: 'cancelled', closedAt: expect.any(String) });
    expect(rec.events.map((e) => e.seq)).toEqual(rec.events.map((_, i) => i + 1));
  });
});

test('a custom audit is offered to the inspector who started it; an unknown initial assignee falls back to the least-loaded', async () => {
  const { activities } = stubActivities();
  await withCaseWorker(ts.env, ts.bundle, activities, async (tq) => {
    const own = await startCase(ts.env, tq, newInput({ origin: 'custom', initialAssignee: 'inspector-b' }));
    expect(await own.query(getStateQuery)).toMatchObject({ assignee: 'inspector-b', assignment: 'offered' });
    const stranger = await startCase(ts.env, tq, newInput({ origin: 'custom', initialAssignee: 'inspector2' }));
    expect(await stranger.query(getStateQuery)).toMatchObject({ assignee: 'inspector', assignment: 'offered' });
    await Promise.all([own.cancel(), stranger.cancel()]);
  });
});
