import { proxyActivities, setHandler, condition, CancellationScope, isCancellation } from '@temporalio/workflow';
import type { Activities } from '../activities';
import type { CaseEvent } from '../domain/caseEvents';
import type { CaseStage } from '../domain/case';
import { getStateQuery, type InspectionCaseInput, type InspectionCaseState } from '../domain/inspectionCaseContract';

const acts = proxyActivities<Activities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds', nonRetryableErrorTypes: ['UnknownCustomer'] },
});

export async function inspectionCase(input: InspectionCaseInput): Promise<InspectionCaseState> {
  const state: InspectionCaseState = { caseId: input.caseId, stage: 'judgement', priority: 'normal', recorded: false, caseNo: null, eventSeq: 0 };
  setHandler(getStateQuery, () => state);

  const event = (type: string, stage: CaseStage, actor: string | null, payload: Record<string, unknown>): CaseEvent => {
    state.eventSeq += 1;
    return { caseId: input.caseId, seq: state.eventSeq, type, stage, actor, payload, occurredAt: new Date().toISOString() };
  };

  const opened = event('opened', 'judgement', input.createdBy, { origin: input.origin, customerAccountNo: input.customerAccountNo, note: input.note ?? null });
  const { caseNo } = await acts.recordCaseOpened(input, { ...opened, occurredAt: input.requestedAt });
  state.caseNo = caseNo;
  state.recorded = true;

  try {
    // The stages after opening arrive with the case-workflow issue; until then the case stays open.
    await condition(() => false);
  } catch (err) {
    if (isCancellation(err)) {
      state.stage = 'cancelled';
      await CancellationScope.nonCancellable(() => acts.recordCaseEvent(event('cancelled', 'cancelled', null, {})));
    }
    throw err;
  }
  return state;
}
