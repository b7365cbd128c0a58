import { ScheduleAlreadyRunning, ScheduleNotFoundError, type Client, type ScheduleOptions, type ScheduleOptionsAction, type ScheduleSpec } from '@temporalio/client';
import { HOUSEKEEPING_SCHEDULE_ID, HOUSEKEEPING_WORKFLOW, type HousekeepingInput } from '../domain/housekeepingContract';
import { JUDGEMENT_RUN_SCHEDULE_ID, JUDGEMENT_RUN_WORKFLOW, type JudgementRunInput } from '../domain/judgementRunContract';
import { LOG_ANCHOR_SCHEDULE_ID, LOG_ANCHOR_WORKFLOW } from '../domain/logAnchorContract';

export interface ScheduleDefinition {
  spec: ScheduleSpec;
  action: ScheduleOptionsAction;
  policies: NonNullable<ScheduleOptions['policies']>;
}

/** Creates a schedule, or brings an existing one to this definition (every worker start; safe to repeat). */
export async function ensureSchedule(client: Client, scheduleId: string, { spec, action, policies }: ScheduleDefinition): Promise<'created' | 'updated'> {
  try {
    await client.schedule.create({ scheduleId, spec, action, policies });
    return 'created';
  } catch (e) {
    if (!(e instanceof ScheduleAlreadyRunning)) throw e;
    await client.schedule.getHandle(scheduleId).update((prev) => ({ ...prev, spec, action, policies: { ...prev.policies, ...policies } }));
    return 'updated';
  }
}

/** Daily at 03:30 China time, a quiet hour for terminals; a missed day is simply done the next. */
export function housekeepingSchedule(taskQueue: string, input: HousekeepingInput = {}): ScheduleDefinition {
  return {
    spec: { calendars: [{ hour: 3, minute: 30, comment: 'daily housekeeping' }], timezone: 'Asia/Shanghai' },
    action: { type: 'startWorkflow', workflowType: HOUSEKEEPING_WORKFLOW, taskQueue, args: [input], workflowId: HOUSEKEEPING_SCHEDULE_ID },
    policies: { overlap: 'SKIP', catchupWindow: '1 day' },
  };
}

/** `input` carries settings from the worker's configuration (EVIDENCE_SWEEP_SAMPLE), visible on the schedule. */
export function ensureHousekeepingSchedule(client: Client, taskQueue: string, scheduleId = HOUSEKEEPING_SCHEDULE_ID, input: HousekeepingInput = {}) {
  return ensureSchedule(client, scheduleId, housekeepingSchedule(taskQueue, input));
}

/**
 * The stored judgement run daily at 05:00 China time, after the night's imports and before the back office opens; a
 * missed day is done the next (the run of a version and month replaces itself).
 */
export function judgementRunSchedule(taskQueue: string): ScheduleDefinition {
  const input: JudgementRunInput = { requestedBy: 'schedule' };
  return {
    spec: { calendars: [{ hour: 5, minute: 0, comment: 'daily stored judgement run' }], timezone: 'Asia/Shanghai' },
    action: { type: 'startWorkflow', workflowType: JUDGEMENT_RUN_WORKFLOW, taskQueue, args: [input], workflowId: JUDGEMENT_RUN_SCHEDULE_ID },
    policies: { overlap: 'SKIP', catchupWindow: '1 day' },
  };
}

export function ensureJudgementRunSchedule(client: Client, taskQueue: string, scheduleId = JUDGEMENT_RUN_SCHEDULE_ID) {
  return ensureSchedule(client, scheduleId, judgementRunSchedule(taskQueue));
}

/** Every `minutes`: a missed anchor is no loss (the next one covers everything), so no catch-up beyond one interval. */
export function logAnchorSchedule(taskQueue: string, minutes: number): ScheduleDefinition {
  return {
    spec: { intervals: [{ every: `${minutes} minutes` }] },
    action: { type: 'startWorkflow', workflowType: LOG_ANCHOR_WORKFLOW, taskQueue, args: [], workflowId: LOG_ANCHOR_SCHEDULE_ID },
    policies: { overlap: 'SKIP', catchupWindow: `${minutes} minutes` },
  };
}

/** `minutes` 0 removes the schedule (anchors then only by `npm run anchor:logs`). */
export async function ensureLogAnchorSchedule(client: Client, taskQueue: string, minutes: number, scheduleId = LOG_ANCHOR_SCHEDULE_ID): Promise<'created' | 'updated' | 'removed'> {
  if (minutes > 0) return ensureSchedule(client, scheduleId, logAnchorSchedule(taskQueue, minutes));
  await client.schedule.getHandle(scheduleId).delete().catch((e: unknown) => {
    if (!(e instanceof ScheduleNotFoundError)) throw e;
  });
  return 'removed';
}
