// The last answers of 我的任务 and of each task page, kept on the device: in a basement or a village without signal the
// inspector still sees the customer's address, the check items and the task's actions (the steps themselves go through
// the outbox). Per user, so a shared terminal never shows one inspector's tasks to another. A cached answer is always
// shown with the time it was fetched, never as fresh.

const PREFIX = 'jicha.terminal.cache';
/** Task pages kept; the oldest are dropped first (a page is a few KB; localStorage has ~5 MB). */
const MAX_TASKS = 40;

export interface Cached<T> {
  at: string;
  data: T;
}

function key(user: string, what: string): string {
  return `${PREFIX}.${user}.${what}`;
}

export function readCache<T>(user: string, what: string): Cached<T> | null {
  try {
    const raw = localStorage.getItem(key(user, what));
    if (!raw) return null;
    const v = JSON.parse(raw) as Cached<T>;
    return v && typeof v.at === 'string' && 'data' in v ? v : null;
  } catch {
    return null;
  }
}

export function writeCache<T>(user: string, what: string, data: T, now = new Date()): void {
  try {
    localStorage.setItem(key(user, what), JSON.stringify({ at: now.toISOString(), data }));
    if (what.startsWith('task.')) prune(user);
  } catch {
    /* storage full or blocked: the app still works online */
  }
}

/** Keep the newest MAX_TASKS task pages of this user. */
function prune(user: string): void {
  const p = key(user, 'task.');
  const entries: { k: string; at: string }[] = [];
  for (let i = 0; i < localStorage.length; i += 1) {
    const k = localStorage.key(i);
    if (!k || !k.startsWith(p)) continue;
    try {
      entries.push({ k, at: (JSON.parse(localStorage.getItem(k) ?? '{}') as { at?: string }).at ?? '' });
    } catch {
      entries.push({ k, at: '' });
    }
  }
  if (entries.length <= MAX_TASKS) return;
  entries.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0));
  for (const e of entries.slice(MAX_TASKS)) localStorage.removeItem(e.k);
}
