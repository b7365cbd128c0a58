import type { Client } from '@temporalio/client';
import { PERIOD_CLOSE_SCHEDULE_ID, PERIOD_CLOSE_WORKFLOW, type PeriodCloseInput } from '../domain/periodCloseContract';
import { ensureSchedule, type ScheduleDefinition } from './schedules';

/**
 * The monthly close: the 1st at 02:00 China time, for the month just ended. Runs missed while Temporal was down are
 * caught up within a week; a run overlapping the previous one is skipped (closing is idempotent anyway).
 */
export function periodCloseSchedule(taskQueue: string): ScheduleDefinition {
  const input: PeriodCloseInput = { requestedBy: 'schedule' };
  return {
    spec: { calendars: [{ dayOfMonth: 1, hour: 2, minute: 0, comment: 'monthly assessment period close' }], timezone: 'Asia/Shanghai' },
    action: { type: 'startWorkflow', workflowType: PERIOD_CLOSE_WORKFLOW, taskQueue, args: [input], workflowId: PERIOD_CLOSE_SCHEDULE_ID },
    policies: { overlap: 'SKIP', catchupWindow: '7 days' },
  };
}

/** Creates the schedule, or brings an existing one to this spec and action (every worker start; safe to repeat). */
export function ensurePeriodCloseSchedule(client: Client, taskQueue: string, scheduleId = PERIOD_CLOSE_SCHEDULE_ID): Promise<'created' | 'updated'> {
  return ensureSchedule(client, scheduleId, periodCloseSchedule(taskQueue));
}
