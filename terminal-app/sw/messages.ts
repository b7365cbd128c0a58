// Messages between the page and the service worker (postMessage). The page sends; the worker answers on the
// MessageChannel port the message carries, when there is one.

export type ToWorker =
  /** Forget every user's cached API answers (logout). Answered with `user-cache-cleared`. */
  | { type: 'clear-user-cache' }
  /** A waiting worker takes over now (the user tapped "有新版本，点击更新"). */
  | { type: 'skip-waiting' };

export type FromWorker = { type: 'user-cache-cleared'; deleted: number };

export function isToWorker(data: unknown): data is ToWorker {
  const type = (data as { type?: unknown } | null)?.type;
  return type === 'clear-user-cache' || type === 'skip-waiting';
}
