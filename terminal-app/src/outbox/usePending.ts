/** How many queued items this terminal has not yet sent (the badge on 我的任务). Placeholder until the outbox lands. */
export function usePendingCount(): number {
  return 0;
}
