import type { ApiItem, ApiResponse } from '../../data/api';
import { valuesOf } from '../../data/enumValues';

/** A campaign as GET /api/campaigns lists it; GET /api/campaigns/:id adds the workflow's live progress while it runs. */
export type CampaignRecord = ApiItem<'/api/campaigns'> & Partial<Pick<ApiResponse<'/api/campaigns/{id}'>, 'progress'>>;
export type CampaignStatus = CampaignRecord['status'];

export const CAMPAIGN_STATUSES = valuesOf<CampaignStatus>()(['draft', 'running', 'paused', 'completed']);
export const campaignStatusChoices = CAMPAIGN_STATUSES.map((id) => ({ id, name: `resources.campaigns.enums.status.${id}` }));

export interface ProgressView {
  /** 0–100, or null while the customers are still being selected (indeterminate bar). */
  percent: number | null;
  selected: number | null;
  created: number;
  failed: number;
  /** Customers selected whose case is not started yet. */
  pending: number | null;
  paused: boolean;
  phase: 'draft' | 'selecting' | 'creating' | 'completed';
}

/**
 * Where a campaign stands: the workflow's live progress while it runs, else the stored counts. Done = cases
 * created + failed out of the customers selected (a failed one is finished, not pending).
 */
export function progressOf(c: Pick<CampaignRecord, 'status' | 'selected' | 'created' | 'failed' | 'progress'>): ProgressView {
  const live = c.progress ?? null;
  const selected = live ? (live.phase === 'selecting' ? null : live.selected) : c.selected;
  const created = live?.created ?? c.created;
  const failed = live?.failed ?? c.failed;
  const phase = c.status === 'draft' ? 'draft' : c.status === 'completed' || live?.phase === 'completed' ? 'completed' : live?.phase ?? (selected === null ? 'selecting' : 'creating');
  const paused = live ? live.paused : c.status === 'paused';
  let percent: number | null;
  if (phase === 'draft') percent = 0;
  else if (phase === 'completed') percent = 100;
  else if (selected === null) percent = null;
  else if (selected === 0) percent = 100;
  else percent = Math.min(100, Math.round(((created + failed) / selected) * 1000) / 10);
  return { percent, selected, created, failed, pending: selected === null ? null : Math.max(0, selected - created - failed), paused, phase };
}

/**
 * The one status a page shows: the workflow's live progress while it runs (the stored status follows it only after a
 * batch), else the stored one — so the header chip and the progress bar never disagree.
 */
export function displayStatus(c: Pick<CampaignRecord, 'status' | 'progress'>): CampaignStatus {
  if (c.status === 'draft' || c.status === 'completed') return c.status;
  const live = c.progress ?? null;
  if (!live) return c.status;
  if (live.phase === 'completed') return 'completed';
  return live.paused ? 'paused' : 'running';
}
