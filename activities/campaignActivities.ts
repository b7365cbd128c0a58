import type pg from 'pg';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import { campaignCaseId } from '../domain/caseIds';
import type { InspectionCaseInput } from '../domain/inspectionCaseContract';
import { startCaseWorkflow } from '../services/cases/openCase';
import { releaseCaseOpening, reserveCaseOpening } from '../db/caseOpenings';
import { getCampaign, pendingSelections, recordBatchOutcome, selectCampaign, setCampaignStatus } from '../db/campaigns';
import { createBuiltinConnector } from '../db/upstream/builtinConnector';

/**
 * Campaign steps. Case workflows are started here, with the worker's Temporal client, rather than as child
 * workflows of the campaign: a campaign of 100,000 cases would put ~300,000 child events into the campaign's
 * history (continue-as-new gymnastics), whereas one activity per batch keeps it to a few events per batch. The
 * cases do not belong to the campaign's lifetime anyway (a child would need ParentClosePolicy ABANDON), and this
 * is the very start the API uses: deterministic case id from (campaign, customer), conflict policy USE_EXISTING,
 * reuse policy REJECT_DUPLICATE — so a retried batch, a replayed workflow or a restarted worker finds the case
 * already there instead of opening a second one.
 */
export interface CampaignActivityDeps {
  pool: pg.Pool;
  /** Tests inject a client; the worker's own is used otherwise (Context.current().client). */
  temporal?: Client;
}

export type StartOutcome = 'started' | 'existing';

/** Temporal said no for a reason that a retry will not fix (as opposed to an unavailable server). */
function isPermanent(e: unknown): boolean {
  const code = (e as { code?: number; cause?: { code?: number } })?.cause?.code ?? (e as { code?: number })?.code;
  // gRPC: 3 INVALID_ARGUMENT, 5 NOT_FOUND (namespace), 7 PERMISSION_DENIED, 9 FAILED_PRECONDITION
  return code === 3 || code === 5 || code === 7 || code === 9;
}

export function createCampaignActivities({ pool, temporal }: CampaignActivityDeps) {
  const heartbeatWhile = async <T>(work: Promise<T>): Promise<T> => {
    const timer = setInterval(() => Context.current().heartbeat(), 5_000);
    try {
      return await work;
    } finally {
      clearInterval(timer);
    }
  };

  return {
    /** Evaluates the campaign's rules over its scope (SQL pushdown) and stores the selection; idempotent. */
    async selectCampaignCustomers(campaignId: string): Promise<{ matched: number; selected: number; asOfMonth: string }> {
      try {
        return await heartbeatWhile(selectCampaign(pool, campaignId, () => createBuiltinConnector(pool).latestBillingMonth()));
      } catch (e) {
        if (/does not exist|no billing data/.test((e as Error).message)) throw ApplicationFailure.nonRetryable((e as Error).message, 'CampaignNotRunnable');
        throw e;
      }
    },

    /** Starts the next batch of pending cases; returns the campaign's counters after it. Safe to retry. */
    async startCampaignCaseBatch(req: { campaignId: string; batchSize: number }): Promise<{ selected: number; created: number; failed: number; skipped: number }> {
      const ctx = Context.current();
      const campaign = await getCampaign(pool, req.campaignId);
      if (!campaign) throw ApplicationFailure.nonRetryable(`campaign ${req.campaignId} does not exist`, 'CampaignNotRunnable');
      const client = temporal ?? ctx.client;
      const accounts = await pendingSelections(pool, req.campaignId, req.batchSize);
      const created: { accountNo: string; caseId: string }[] = [];
      const failed: { accountNo: string; error: string }[] = [];
      const skipped: { accountNo: string; existingCaseId: string }[] = [];
      for (const accountNo of accounts) {
        const caseId = campaignCaseId(req.campaignId, accountNo);
        // one open case per customer: a customer already under audit (any origin) is skipped, naming that case
        const opening = await reserveCaseOpening(pool, { caseId, accountNo, origin: 'special', family: null, by: campaign.createdBy });
        if (!opening.reserved) {
          skipped.push({ accountNo, existingCaseId: opening.existing.id });
          ctx.heartbeat(accountNo);
          continue;
        }
        const input: InspectionCaseInput = {
          caseId, customerAccountNo: accountNo, origin: 'special', campaignId: req.campaignId,
          note: `${campaign.name}${campaign.theme ? `：${campaign.theme}` : ''}`.slice(0, 500), createdBy: campaign.createdBy, requestedAt: new Date().toISOString(),
        };
        try {
          // a case that already ran to its end for this customer and campaign exists: never a second one
          await startCaseWorkflow(client, ctx.info.taskQueue, input);
          created.push({ accountNo, caseId });
        } catch (e) {
          if (!isPermanent(e)) throw e; // unavailable, timed out…: the activity retries the batch (the reservation stays for the retry)
          await releaseCaseOpening(pool, caseId);
          failed.push({ accountNo, error: (e as Error).message.slice(0, 500) });
        }
        ctx.heartbeat(accountNo);
      }
      return recordBatchOutcome(pool, req.campaignId, created, failed, skipped);
    },

    async setCampaignStatus(campaignId: string, status: 'running' | 'paused' | 'completed'): Promise<void> {
      await setCampaignStatus(pool, campaignId, status);
    },
  };
}

export type CampaignActivities = ReturnType<typeof createCampaignActivities>;
