import { z } from 'zod';
import { IsoDate, PRIORITIES } from './case';

const days = z.number().positive().max(365);
const byPriority = z.object(Object.fromEntries(PRIORITIES.map((p) => [p, days])) as Record<(typeof PRIORITIES)[number], typeof days>);

/** Deadlines, escalation and evidence rules for cases: configuration data, loaded when a case starts. */
export const CasePolicy = z.object({
  version: z.string().min(1),
  /** Working days allowed per human stage, by priority. */
  deadlines: z.object({ field_evidence: byPriority, rectification: byPriority, verification: byPriority }),
  escalation: z.object({
    /** Share of the stage's working time after which the actor is reminded. */
    reminderShare: z.number().gt(0).lt(1),
    /** Working days after the deadline (tier 1) before tier 2, and after tier 2 before tier 3. */
    tier2AfterDays: days,
    tier3AfterDays: days,
  }),
  evidence: z.object({
    minVerifiedPhotos: z.number().int().min(0).max(50),
    geofenceRadiusM: z.number().positive().max(50_000),
    /** How far a terminal's clock may be off the server's for a check-in to count (policies before #15: 300 s). */
    clockToleranceS: z.number().int().min(10).max(3600).default(300),
  }),
  /**
   * Deadlines and escalation tiers count calendar days (自然日) instead of working days: every day counts, weekends and
   * holidays included. Absent: working days on the published calendar, as every policy before it.
   */
  calendarDays: z.boolean().optional(),
  /**
   * Legacy: the working-day calendar used to live in the policy. Cases now take it from the published calendar
   * (migration 055, services/calendar); a case started before keeps this one when its history replays.
   */
  calendar: z.object({
    holidays: z.array(IsoDate),
    workdays: z.array(IsoDate),
  }).optional(),
});
export type CasePolicy = z.infer<typeof CasePolicy>;

export type DeadlineStage = keyof CasePolicy['deadlines'];
