import { z } from 'zod';

export const CASE_ORIGINS = ['routine', 'special', 'custom'] as const;
export const CaseOrigin = z.enum(CASE_ORIGINS);
export type CaseOrigin = z.infer<typeof CaseOrigin>;

export const CASE_STAGES = ['judgement', 'field_evidence', 'rectification', 'verification', 'assessment', 'closed', 'dismissed', 'cancelled'] as const;
export const CaseStage = z.enum(CASE_STAGES);
export type CaseStage = z.infer<typeof CaseStage>;

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** 户号: the marketing system's 10-digit customer account number. */
export const AccountNo = z.string().regex(/^\d{10}$/, 'must be a 10-digit account number (户号)');

export const CreateCaseBody = z.strictObject({
  customerAccountNo: AccountNo,
  origin: CaseOrigin.default('custom'),
  note: z.string().trim().max(500, 'at most 500 characters').optional(),
  /** Open a second case although the customer has an open one (supervisor or manager), saying why; recorded on the opened event. */
  duplicateReason: z.string().trim().min(2, 'at least 2 characters').max(200, 'at most 200 characters').optional(),
});
export type CreateCaseBody = z.infer<typeof CreateCaseBody>;

/** A case as the read model lists it (react-admin record). */
export const CaseRecord = z.object({
  id: z.uuid(),
  caseNo: z.string(),
  workflowId: z.string(),
  customerAccountNo: AccountNo,
  customerName: z.string(),
  orgUnitId: z.string(),
  orgUnitName: z.string(),
  origin: CaseOrigin,
  stage: CaseStage,
  priority: Priority,
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  lastEventSeq: z.number().int(),
  deadlineAt: z.string().nullable().describe('The current human stage\'s deadline (null: none)'),
  deadlineProvisional: z.boolean().describe('The deadline lies past the published working-day calendar and moves when its year is published'),
  // The supervision cockpit's columns (#16): who holds the case now, how far it escalated, what was found.
  handler: z.string().nullable().describe('处理人: the user the case waits on by name, else its assignee (null: a role, see pendingRole)'),
  handlerName: z.string().nullable().describe('The handler\'s display name (personnel)'),
  handlerStation: z.string().nullable().describe('The name of the handler\'s org unit (personnel)'),
  pendingRole: z.string().nullable().describe('The role the current step waits on when no one by name'),
  escalationTier: z.number().int().describe('督办级别 of the current stage (0: none)'),
  problemType: z.string().nullable().describe('问题类型 found on site (null: none yet)'),
  imported: z.boolean().describe('历史导入: a closed case imported from a previous system; it has no workflow, so no step can be taken'),
});
export type CaseRecord = z.infer<typeof CaseRecord>;

/** A case in the back office's list and detail: with "剩余 N 个工作日" on the published calendar. */
export const CaseListItem = CaseRecord.extend({
  workingDaysLeft: z.number().int().nullable().describe('Working days left to the deadline (0: due today; negative: overdue working days; null: no deadline)'),
});
export type CaseListItem = z.infer<typeof CaseListItem>;

/**
 * 'YYYY-MM-DD' calendar date. (Not z.iso.date(): inside the Temporal workflow bundle it resolves to a Date check.)
 */
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), 'must be a real calendar date');
