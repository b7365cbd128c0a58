import { useEffect, useRef, useState } from 'react';
import type { OutboxItem, OutboxStatus } from '../../outbox';

/**
 * A counter that goes up each time one of `items` (those `which` selects) is applied by the server while the page is
 * open: the page reloads what it shows from the server then, so a queued step's effect appears once it is real. With
 * `statuses` including 'conflict', a refusal counts too: the case changed under the user, so show it as it is now.
 */
export function useAppliedCount(items: OutboxItem[], which: (i: OutboxItem) => boolean = () => true, statuses: OutboxStatus[] = ['done']): number {
  const seen = useRef<Set<string> | null>(null);
  const [count, setCount] = useState(0);
  const doneIds = items.filter((i) => statuses.includes(i.status) && which(i)).map((i) => `${i.id}:${i.status}`).sort().join(',');
  useEffect(() => {
    const ids = doneIds ? doneIds.split(',') : [];
    if (seen.current === null) {
      // Items applied before the page opened are already in what it loaded.
      seen.current = new Set(ids);
      return;
    }
    const fresh = ids.filter((id) => !seen.current!.has(id));
    if (!fresh.length) return;
    for (const id of fresh) seen.current.add(id);
    setCount((c) => c + 1);
  }, [doneIds]);
  return count;
}
