import { z } from 'zod';
import { Priority } from './case';

/** Initial system judgement (系统初判) of one customer: what the case workflow's first stage records. */
export const JudgementReason = z.object({
  code: z.string(),
  weight: z.number(),
  textZh: z.string(),
  textEn: z.string(),
  /** The explanation's message code (domain/judgementReasonTexts.ts) and the figures it quotes; absent before #21. */
  reasonCode: z.string().optional(),
  params: z.record(z.string(), z.union([z.number(), z.string()])).optional(),
  /** The family (the rule's kind); absent in judgements recorded before #21. */
  family: z.string().optional(),
  /** 预计查实率 of this flag when judged (0–1), from closed cases; absent before #21. */
  expectedRate: z.number().min(0).max(1).optional(),
});
export const CheckItem = z.object({ code: z.string(), textZh: z.string(), textEn: z.string() });

export const JudgementResult = z.object({
  /** The judgement rule-set version that produced it ("builtin-0" until rule sets are data). */
  ruleSetVersion: z.string(),
  /** 0–100 suspicion score. */
  score: z.number().min(0).max(100),
  reasons: z.array(JudgementReason),
  checkItems: z.array(CheckItem),
  priority: Priority,
  /**
   * The problem types the fired rules suspect (their anomaly types' families); the check items are these types'
   * must-check items (四必查, configuration). Absent in judgements recorded before #17.
   */
  problemTypes: z.array(z.string()).optional(),
  /** 预计查实率 of the flag (the best of its reasons'); absent before #21 and when nothing fired. */
  expectedRate: z.number().min(0).max(1).optional(),
});
export type JudgementResult = z.infer<typeof JudgementResult>;

export interface JudgementRequest {
  caseId: string;
  customerAccountNo: string;
  origin: 'routine' | 'special' | 'custom';
  campaignId?: string;
}

/** The one interface the case workflow's judgement activity calls; the judgement/campaign work implements it. */
export interface CaseJudge {
  judge(req: JudgementRequest): Promise<JudgementResult>;
}
