import { z } from 'zod';
import { CaseStage } from './case';

// The escalation board (GET /api/escalations) and the in-app inbox (GET /api/notifications).

export const EscalationBoardRow = z.object({
  id: z.string().describe('caseId:stage:stageRound:tier'),
  caseId: z.uuid(),
  caseNo: z.string(),
  customerName: z.string(),
  orgUnitId: z.string(),
  stage: CaseStage,
  tier: z.number().int().min(1).max(3),
  raisedAt: z.string(),
  resolvedAt: z.string().nullable().describe('null while the escalation is open'),
  pendingRole: z.string().nullable(),
  pendingUser: z.string().nullable(),
  deadlineAt: z.string().nullable(),
});

export const Notification = z.object({
  id: z.string(),
  caseId: z.uuid().nullable(),
  kind: z.string().describe('reminder, escalation_tier1, escalation_tier2, escalation_tier3…'),
  title: z.string(),
  body: z.string(),
  /** The body's message code (domain/messages/notifications.ts); null for rows written before codes: show `body`. */
  code: z.string().nullable(),
  params: z.record(z.string(), z.union([z.string(), z.number(), z.null()])).nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});
