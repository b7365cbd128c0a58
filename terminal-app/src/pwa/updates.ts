import type { ToWorker } from '../../sw/messages';

// The update flow. A new service worker installs in the background and then waits (it never takes over by itself);
// the app shows "有新版本，点击更新"; on the user's tap the waiting worker is told to take over, and the page reloads
// when it has — only then, so a page is never swapped under an inspector mid-visit or mid-upload.

export type UpdateState = 'none' | 'available' | 'applying';

/** The parts of ServiceWorkerRegistration / ServiceWorkerContainer used here (fakes in the tests). */
export interface WorkerLike extends EventTarget {
  readonly state: string;
  postMessage(message: ToWorker): void;
}
export interface RegistrationLike extends EventTarget {
  readonly installing: WorkerLike | null;
  readonly waiting: WorkerLike | null;
}
export interface ContainerLike extends EventTarget {
  readonly controller: unknown;
}

export interface UpdateWatcher {
  state(): UpdateState;
  subscribe(listener: () => void): () => void;
  /** The user tapped: let the waiting worker take over, then reload. */
  apply(): void;
}

export function watchUpdates(reg: RegistrationLike, container: ContainerLike, reload: () => void): UpdateWatcher {
  let state: UpdateState = 'none';
  const listeners = new Set<() => void>();
  const set = (s: UpdateState) => {
    if (s === state) return;
    state = s;
    for (const l of listeners) l();
  };
  let accepted = false;
  let reloading = false;
  // A page that had no controller is being claimed by the first worker ever installed: nothing to update.
  let hadController = Boolean(container.controller);

  const offerIfWaiting = () => {
    if (reg.waiting && container.controller && state === 'none') set('available');
  };
  const watchInstalling = (w: WorkerLike | null) => {
    w?.addEventListener('statechange', () => {
      if (w.state === 'installed') offerIfWaiting();
    });
  };
  offerIfWaiting(); // installed during an earlier visit and still waiting
  watchInstalling(reg.installing);
  reg.addEventListener('updatefound', () => watchInstalling(reg.installing));
  container.addEventListener('controllerchange', () => {
    if (accepted) {
      if (!reloading) {
        reloading = true;
        reload();
      }
    } else if (hadController) {
      // another tab of the app took the update: this page still runs the old code, offer the reload here too
      set('available');
    }
    hadController = true;
  });

  return {
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    apply() {
      if (state !== 'available') return;
      accepted = true;
      set('applying');
      const waiting = reg.waiting;
      if (waiting) waiting.postMessage({ type: 'skip-waiting' });
      else if (!reloading) {
        // the new worker already controls the page (taken over from another tab): the reload is all that is left
        reloading = true;
        reload();
      }
    },
  };
}
