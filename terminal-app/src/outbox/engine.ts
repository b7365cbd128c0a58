import type { EvidenceInput, OutboxItem, StepAction } from './index';

// Placeholder signatures until the outbox engine lands (its own change); nothing here pretends to work.
const notYet = (what: string): never => {
  throw new Error(`outbox: ${what} is not built yet`);
};
export async function enqueueStep(_caseId: string, _action: StepAction, _payload: unknown): Promise<OutboxItem> {
  return notYet('enqueueStep');
}
export async function enqueueEvidence(_caseId: string, _e: EvidenceInput): Promise<OutboxItem> {
  return notYet('enqueueEvidence');
}
export async function drainNow(): Promise<void> {
  return notYet('drainNow');
}
export async function retryItem(_id: string): Promise<void> {
  return notYet('retryItem');
}
export async function discardItem(_id: string): Promise<void> {
  return notYet('discardItem');
}
