import { ScheduleAlreadyRunning, type Client, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';
import { PERIOD_CLOSE_SCHEDULE_ID, PERIOD_CLOSE_WORKFLOW, type PeriodCloseInput } from '../domain/periodCloseContract';

/**
 * The monthly close: the 1st at 02:00 China time, for the month just ended. Runs missed while Temporal was down are
 * caught up within a week; a run overlapping the previous one is skipped (closing is idempotent anyway).
 */
export function periodCloseSchedule(taskQueue: string): { spec: ScheduleSpec; action: ScheduleOptionsAction } {
  const input: PeriodCloseInput = { requestedBy: 'schedule' };
  return {
    spec: { calendars: [{ dayOfMonth: 1, hour: 2, minute: 0, comment: 'monthly assessment period close' }], timezone: 'Asia/Shanghai' },
    action: { type: 'startWorkflow', workflowType: PERIOD_CLOSE_WORKFLOW, taskQueue, args: [input], workflowId: PERIOD_CLOSE_SCHEDULE_ID },
  };
}

/** Creates the schedule, or brings an existing one to this spec and action (every worker start; safe to repeat). */
export async function ensurePeriodCloseSchedule(client: Client, taskQueue: string, scheduleId = PERIOD_CLOSE_SCHEDULE_ID): Promise<'created' | 'updated'> {
  const { spec, action } = periodCloseSchedule(taskQueue);
  try {
    await client.schedule.create({ scheduleId, spec, action, policies: { overlap: 'SKIP', catchupWindow: '7 days' } });
    return 'created';
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies: { ...prev.policies, overlap: 'SKIP', catchupWindow: '7 days' } }));
    return 'updated';
  }
}
