import { z } from 'zod';
import { CONSULTATION_TOPICS, ConsultationStatus, FEEDBACK_CATEGORIES, FeedbackStatus } from './contentStatus';

// Content both APIs answer with: regulations and notices (法规制度 / 通知), announcements (信息公告), usage feedback
// (意见反馈) and consultations (咨询). The back office adds the status changes legal now (`actions`).

export const RegulationKind = z.enum(['regulation', 'notice']);
export const RegulationSummary = z.object({
  id: z.string(), kind: RegulationKind, title: z.string(), issuer: z.string(), docNo: z.string().nullable(), effectiveOn: z.string().nullable(),
  summary: z.string(), updatedAt: z.string(),
});
export const Regulation = RegulationSummary.extend({ body: z.string(), updatedBy: z.string().nullable() });
export const RegulationPage = z.object({ items: z.array(RegulationSummary), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

/** An announcement as terminals show it (current ones only). */
export const TerminalAnnouncement = z.object({
  id: z.string(), orgUnitId: z.string().nullable().describe('null: addressed to everyone'), title: z.string(), body: z.string(), pinned: z.boolean(),
  publishedAt: z.string(), expiresAt: z.string().nullable(), createdBy: z.string(),
});
export const Created = z.object({ id: z.string() });

export const FeedbackRecord = z.object({
  id: z.string(), username: z.string(), userName: z.string().nullable(), orgUnitId: z.string(), orgUnitName: z.string().nullable(), deviceId: z.string().nullable(),
  category: z.enum(FEEDBACK_CATEGORIES), text: z.string(), caseId: z.string().nullable(), caseNo: z.string().nullable(), appVersion: z.string().nullable(),
  status: FeedbackStatus, reply: z.string().nullable(), repliedBy: z.string().nullable(), repliedAt: z.string().nullable(), handledBy: z.string().nullable(),
  createdAt: z.string(), updatedAt: z.string(),
});
export const FeedbackCreated = z.object({ id: z.uuid(), createdAt: z.string() });

export const ConsultationRecord = z.object({
  id: z.string(), orgUnitId: z.string(), orgUnitName: z.string().nullable(), askedBy: z.string(), askedByName: z.string().nullable(), deviceId: z.string().nullable(),
  topic: z.enum(CONSULTATION_TOPICS), subject: z.string(), question: z.string(), caseId: z.string().nullable(), caseNo: z.string().nullable(), status: ConsultationStatus,
  answer: z.string().nullable(), regulationId: z.string().nullable(), regulationTitle: z.string().nullable(), answeredBy: z.string().nullable(), answeredAt: z.string().nullable(),
  closedBy: z.string().nullable(), closedAt: z.string().nullable(), createdAt: z.string(), updatedAt: z.string(),
});

/** An announcement as the back office manages it (the API adds whether the caller may edit it). */
export const AnnouncementRecord = z.object({
  id: z.string(), orgUnitId: z.string().nullable(), orgUnitName: z.string().nullable(), title: z.string(), body: z.string(), pinned: z.boolean(),
  publishedAt: z.string(), expiresAt: z.string().nullable(), createdBy: z.string(), updatedAt: z.string(), updatedBy: z.string().nullable(),
  state: z.enum(['scheduled', 'current', 'expired']).describe('scheduled: not yet published; current: terminals show it; expired: past its expiry'),
});
