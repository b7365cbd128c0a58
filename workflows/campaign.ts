import { ApplicationFailure, condition, continueAsNew, proxyActivities, setHandler, workflowInfo } from '@temporalio/workflow';
import type { RetryPolicy } from '@temporalio/common';
import type { CampaignActivities } from '../activities/campaignActivities';
import { pauseUpdate, progressQuery, resumeUpdate, type CampaignInput, type CampaignProgress } from '../domain/campaignContract';

const retry: RetryPolicy = { initialInterval: '2 seconds', maximumInterval: '1 minute', nonRetryableErrorTypes: ['CampaignNotRunnable'] };
// Selection is one SQL evaluation of the whole scope (seconds to minutes); batches are short and heartbeat per case,
// so a killed worker's batch is retried elsewhere within the heartbeat timeout.
const selecting = proxyActivities<CampaignActivities>({ startToCloseTimeout: '30 minutes', heartbeatTimeout: '30 seconds', retry });
const batches = proxyActivities<CampaignActivities>({ startToCloseTimeout: '10 minutes', heartbeatTimeout: '10 seconds', retry });

const BATCHES_PER_RUN = 500;

/** A special audit (专项稽查): select customers, then start one case workflow each, batch by batch; pausable. */
export async function campaign(input: CampaignInput): Promise<CampaignProgress> {
  const progress: CampaignProgress = input.carried ?? {
    campaignId: input.campaignId, phase: 'selecting', paused: false, matched: null, selected: 0, created: 0, failed: 0,
  };
  const notCompleted = () => {
    if (progress.phase === 'completed') throw ApplicationFailure.nonRetryable('the campaign has completed', 'CampaignCompleted');
  };
  setHandler(progressQuery, () => progress);
  setHandler(pauseUpdate, () => {
    progress.paused = true;
    return progress;
  }, { validator: notCompleted });
  setHandler(resumeUpdate, () => {
    progress.paused = false;
    return progress;
  }, { validator: notCompleted });

  if (progress.phase === 'selecting') {
    const s = await selecting.selectCampaignCustomers(input.campaignId);
    progress.matched = s.matched;
    progress.selected = s.selected;
    progress.phase = 'creating';
  }

  // skipped: matches whose customer already had an open case (#17); absent from results recorded before, hence `?? 0`
  // (the same commands for those histories, so no patch)
  const done = () => progress.created + progress.failed + (progress.skipped ?? 0);
  for (let n = 0; done() < progress.selected; n += 1) {
    while (progress.paused) {
      await batches.setCampaignStatus(input.campaignId, 'paused');
      await condition(() => !progress.paused);
      await batches.setCampaignStatus(input.campaignId, 'running');
    }
    if (n >= BATCHES_PER_RUN || workflowInfo().continueAsNewSuggested) {
      return await continueAsNew<typeof campaign>({ ...input, carried: progress });
    }
    const before = done();
    Object.assign(progress, await batches.startCampaignCaseBatch({ campaignId: input.campaignId, batchSize: input.batchSize }));
    if (done() === before) {
      throw ApplicationFailure.nonRetryable(`campaign ${input.campaignId}: a batch made no progress with ${progress.selected - before} cases pending`, 'CampaignStuck');
    }
  }
  progress.phase = 'completed';
  await batches.setCampaignStatus(input.campaignId, 'completed');
  return progress;
}
