// The campaign (专项稽查) workflow's contract: imported by the workflow, the activities, the API and the tests.
import { defineQuery, defineUpdate } from '@temporalio/workflow';

export const CAMPAIGN_WORKFLOW = 'campaign';

/** One run per campaign: starting it twice finds the same workflow. */
export function campaignWorkflowId(campaignId: string): string {
  return `campaign-${campaignId}`;
}

export interface CampaignInput {
  campaignId: string;
  /** Cases started per activity call. */
  batchSize: number;
  /** Progress carried across continue-as-new. */
  carried?: CampaignProgress;
}

export type CampaignPhase = 'selecting' | 'creating' | 'completed';

export interface CampaignProgress {
  campaignId: string;
  phase: CampaignPhase;
  paused: boolean;
  /** Customers scoring at or above the threshold, before the case cap; null until selection ran. */
  matched: number | null;
  /** Customers that get a case (matched, capped). */
  selected: number;
  created: number;
  failed: number;
  /** Matches skipped because the customer already had an open case (absent in progress recorded before #17). */
  skipped?: number;
}

export const progressQuery = defineQuery<CampaignProgress>('progress');
/** Stops starting new batches (the batch in flight finishes). Rejected once the campaign completed. */
export const pauseUpdate = defineUpdate<CampaignProgress>('pause');
export const resumeUpdate = defineUpdate<CampaignProgress>('resume');
