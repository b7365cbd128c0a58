import { useEffect, useMemo, useState, useSyncExternalStore } from 'react';
import { liveQuery } from 'dexie';
import { useI18n, type T } from '../i18n';
import type { OutboxEngine } from './engine';
import type { OutboxItem, TrackState } from './index';
import { currentOutbox, currentRecorder, onOutboxChange } from './runtime';
import type { RecorderState } from './track';
import { renderProblem } from './explain';

// Thin React bindings: the engine's database observed with Dexie's liveQuery (changes made by the engine, by
// another tab or by the service worker all show), texts re-rendered in the current language.

const NO_ITEMS: OutboxItem[] = [];

function useEngine(): OutboxEngine | null {
  return useSyncExternalStore(onOutboxChange, currentOutbox, () => null);
}

function useItems(): OutboxItem[] {
  const engine = useEngine();
  const [items, setItems] = useState<OutboxItem[]>(NO_ITEMS);
  useEffect(() => {
    if (!engine) {
      setItems(NO_ITEMS);
      return undefined;
    }
    const sub = liveQuery(() => engine.userItems()).subscribe({
      next: (v) => setItems(v),
      error: (e: unknown) => console.error('outbox: cannot read the queue', e),
    });
    return () => sub.unsubscribe();
  }, [engine]);
  return items;
}

/** The item with its problem in the current language (the stored message is in the language it was made in). */
export function localize(item: OutboxItem, t: T): OutboxItem {
  if (!item.problem?.key) return item;
  return { ...item, problem: { ...item.problem, message: renderProblem(t, item.problem.key, item.problem.params) } };
}

/** This user's outbox, in creation order (recently done items included, for a while). */
export function useOutboxItems(): OutboxItem[] {
  const { t } = useI18n();
  const items = useItems();
  return useMemo(() => items.map((i) => localize(i, t)), [items, t]);
}

/** The outbox items of one case. */
export function useCaseOutbox(caseId: string): OutboxItem[] {
  const items = useOutboxItems();
  return useMemo(() => items.filter((i) => i.caseId === caseId), [items, caseId]);
}

/** How many items are not done yet — waiting, sending, retrying, held, or refused and waiting for the user. */
export function usePendingCount(): number {
  const items = useItems();
  return useMemo(() => items.filter((i) => i.status !== 'done').length, [items]);
}

const IDLE: RecorderState = { caseId: null, recording: false, points: 0, unsent: 0, lastFix: null, error: null };
const noRecorder = (): (() => void) => () => undefined;

/** The GPS recorder: recording or not, fixes recorded and not yet sent, the last fix with its accuracy, why not (words). */
export function useTrackState(): TrackState {
  const { t } = useI18n();
  const engine = useEngine();
  const recorder = engine ? currentRecorder() : null;
  const s = useSyncExternalStore(recorder?.subscribe ?? noRecorder, recorder?.getState ?? (() => IDLE), () => IDLE);
  return useMemo(() => ({ ...s, error: s.error ? t(`outbox.track.error.${s.error}`) : null }), [s, t]);
}
