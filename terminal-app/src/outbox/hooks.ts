import type { OutboxItem } from './index';

// Placeholders until the outbox engine lands.
export function useOutboxItems(): OutboxItem[] {
  return [];
}
export function useCaseOutbox(_caseId: string): OutboxItem[] {
  return [];
}
export function usePendingCount(): number {
  return 0;
}
