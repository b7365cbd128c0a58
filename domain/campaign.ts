import { z } from 'zod';
import { IsoDate, Month, OrgUnitId } from './customerData';

/** What a manager defines for a special audit (专项稽查). Rules default to the whole active rule set. */
export const CampaignDefinition = z.strictObject({
  name: z.string().trim().min(2, 'at least 2 characters').max(100),
  theme: z.string().trim().max(200).optional(),
  /** Org units whose customers are judged (their subtrees). */
  scope: z.array(OrgUnitId).min(1).max(50),
  /** Rule codes of the active rule set, each with optional parameter and weight overrides. */
  rules: z.array(z.strictObject({
    code: z.string().min(1).max(40),
    params: z.record(z.string(), z.unknown()).optional(),
    weight: z.int().min(1).max(100).optional(),
  })).min(1).max(50).optional(),
  /** Selection threshold on the 0–100 score (default: the rule set's campaignMinScore). */
  minScore: z.int().min(1).max(100).optional(),
  /** Only customers whose expected confirmation rate (预计查实率, 0–1) is at least this. */
  minExpectedRate: z.number().min(0).max(1).optional(),
  /** At most this many cases; the highest scores first. */
  caseCap: z.int().min(1).max(1_000_000),
  /** Cases started per step of the campaign workflow. */
  batchSize: z.int().min(1).max(500).default(50),
  /** Judge as of this billing month (default: the latest closed one when the campaign runs). */
  asOfMonth: Month.optional(),
  /** Field work due by (现场核查期限). */
  fieldDeadline: IsoDate.optional(),
  /** The campaign ends on. */
  endsOn: IsoDate.optional(),
}).refine((d) => !d.fieldDeadline || !d.endsOn || d.fieldDeadline <= d.endsOn, { message: 'the field deadline must not be after the end date', path: ['fieldDeadline'] });
export type CampaignDefinition = z.infer<typeof CampaignDefinition>;

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'completed'] as const;
export const CampaignStatus = z.enum(CAMPAIGN_STATUSES);

export const CampaignRecord = z.object({
  id: z.uuid(),
  name: z.string(),
  theme: z.string().nullable(),
  scope: z.array(z.string()),
  orgUnitId: z.string(),
  ruleSetVersion: z.string(),
  rules: z.array(z.object({ code: z.string(), kind: z.string(), textZh: z.string(), textEn: z.string(), weight: z.number(), params: z.record(z.string(), z.unknown()) })),
  minScore: z.number(),
  minExpectedRate: z.number().nullable().describe('预计查实率 threshold (0–1); null: none'),
  caseCap: z.number(),
  batchSize: z.number(),
  asOfMonth: z.string().nullable(),
  fieldDeadline: z.string().nullable(),
  endsOn: z.string().nullable(),
  status: CampaignStatus,
  matched: z.number().nullable(),
  selected: z.number().nullable(),
  created: z.number(),
  failed: z.number(),
  skipped: z.number().describe('Matches skipped at launch: the customer already had an open case (one open case per customer)'),
  createdBy: z.string(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
});
export type CampaignRecord = z.infer<typeof CampaignRecord>;

export const CampaignPreview = z.object({
  asOfMonth: z.string(),
  ruleSetVersion: z.string(),
  minScore: z.number(),
  /** Customers in scope scoring ≥ minScore. */
  matched: z.number(),
  /** Matched customers that already have an open case (any origin): skipped at launch. */
  withOpenCase: z.number(),
  /** Cases the campaign would open: matched, capped (those of them with an open case are skipped at launch). */
  wouldCreate: z.number(),
  /** Matched customers per rule code (a customer may count under several). */
  byRule: z.record(z.string(), z.number()),
});
export type CampaignPreview = z.infer<typeof CampaignPreview>;

/**
 * A draft's preview, recomputed when asked (not stored: open cases, the latest billing month and the customer base
 * move on), with the draft's own rules and threshold — what 启动 would do now.
 */
export const CampaignLaunchPreview = CampaignPreview.extend({
  /** The customers the run would select: the top caseCap matches by score. */
  selected: z.number(),
  /** Of those, customers that already have an open case: skipped, no second case (one open case per customer). */
  skipped: z.number(),
  /** Cases 启动 would open now: selected − skipped. */
  wouldOpen: z.number(),
  computedAt: z.string(),
});
export type CampaignLaunchPreview = z.infer<typeof CampaignLaunchPreview>;
