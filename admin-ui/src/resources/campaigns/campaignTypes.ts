/** What the campaign endpoints answer (api/routes/campaigns.ts, domain/campaign.ts). */
export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'completed'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export interface CampaignProgress {
  campaignId: string;
  phase: 'selecting' | 'creating' | 'completed';
  paused: boolean;
  matched: number | null;
  selected: number;
  created: number;
  failed: number;
}

export interface CampaignRecord {
  id: string;
  name: string;
  theme: string | null;
  scope: string[];
  orgUnitId: string;
  ruleSetVersion: string;
  rules: { code: string; kind: string; weight: number; params: Record<string, unknown> }[];
  minScore: number;
  caseCap: number;
  batchSize: number;
  asOfMonth: string | null;
  fieldDeadline: string | null;
  endsOn: string | null;
  status: CampaignStatus;
  matched: number | null;
  selected: number | null;
  created: number;
  failed: number;
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  completedAt: string | null;
  /** Live from the workflow while it runs (GET /api/campaigns/:id only). */
  progress?: CampaignProgress | null;
}

export interface CampaignPreview {
  asOfMonth: string;
  ruleSetVersion: string;
  minScore: number;
  matched: number;
  wouldCreate: number;
  byRule: Record<string, number>;
}

export interface CampaignSelection {
  accountNo: string;
  customerName: string;
  stationId: string;
  rank: number;
  score: number;
  reasons: string[];
  status: 'pending' | 'created' | 'failed';
  caseId: string | null;
  error: string | null;
}

/** The campaign definition POST /api/campaigns and /preview take. */
export interface CampaignDefinition {
  name: string;
  theme?: string;
  scope: string[];
  rules?: { code: string }[];
  minScore?: number;
  caseCap: number;
  batchSize?: number;
  asOfMonth?: string;
  fieldDeadline?: string;
  endsOn?: string;
}

export const campaignStatusChoices = CAMPAIGN_STATUSES.map((id) => ({ id, name: `resources.campaigns.enums.status.${id}` }));
