import { TerminalError, newIdempotencyKey } from '../../api/client';

// A form that POSTs once, online (start a custom audit, ask a question, send feedback): these are not queued in the
// outbox, but a double tap, or a retry after a timeout whose answer never came, must not act twice. The API stores
// the first answer under the Idempotency-Key and replays it (mobile-api/README.md), so the rule here is:
//
// - one key per submission, generated when it is first sent;
// - while its outcome is unknown (no answer: network down, timeout, 5xx, or "still in progress"), a retry re-sends
//   the SAME body under the SAME key — the form is frozen meanwhile, since the same key with another body is refused
//   (422 key-reused) and a new key would act a second time;
// - an answer (success, or a refusal the server stored) settles it; the next submission gets a new key.
// A second call while one is on the wire gets the same promise (a double tap sends one request).

export type Outcome = 'done' | 'refused' | 'unknown';

/** Whether an error is the server's answer (nothing happened, and a new key is safe) or leaves the outcome unknown. */
export function outcomeOf(e: unknown): Outcome {
  if (!(e instanceof TerminalError)) return 'unknown'; // network error, abort/timeout: the request may have arrived
  if (e.status >= 500 || e.status === 408 || e.status === 429) return 'unknown'; // 5xx releases the key; 429 never ran
  if (e.status === 401) return 'unknown'; // refused before the handler (token): a retry after login may run it
  if (e.code === 'idempotency:in-progress') return 'unknown'; // the first request is still running
  return 'refused';
}

export interface Attempt<B> {
  key: string;
  body: B;
}

/** Where an unanswered submission is kept, so that leaving the page or restarting the app does not forget its key. */
export interface AttemptStore<B> {
  load(): Attempt<B> | null;
  save(a: Attempt<B> | null): void;
}

/** An AttemptStore in localStorage under `name` (the app may be killed or the battery die before the answer comes). */
export function localAttemptStore<B>(name: string): AttemptStore<B> {
  const key = `jicha.terminal.pending.${name}`;
  return {
    load() {
      try {
        const a = JSON.parse(localStorage.getItem(key) ?? 'null') as Attempt<B> | null;
        return a && typeof a.key === 'string' && a.body !== undefined ? a : null;
      } catch {
        return null;
      }
    },
    save(a) {
      try {
        if (a) localStorage.setItem(key, JSON.stringify(a));
        else localStorage.removeItem(key);
      } catch {
        /* storage blocked: the attempt is kept for this page only */
      }
    },
  };
}

export class OnlineAction<B> {
  private unsettled: Attempt<B> | null;
  private inFlight: Promise<unknown> | null = null;

  constructor(private readonly makeKey: () => string = newIdempotencyKey, private readonly store?: AttemptStore<B>) {
    this.unsettled = store?.load() ?? null;
  }

  private set(a: Attempt<B> | null): void {
    this.unsettled = a;
    this.store?.save(a);
  }

  /** The submission whose outcome is unknown (the form shows this body, frozen), or null. */
  get pending(): Attempt<B> | null {
    return this.unsettled;
  }

  get busy(): boolean {
    return this.inFlight !== null;
  }

  /**
   * Sends `body` (or, when an earlier submission's outcome is unknown, that submission again with its key) through
   * `send`, and settles the key from what came back.
   */
  run<R>(body: B, send: (body: B, key: string) => Promise<R>): Promise<R> {
    if (this.inFlight) return this.inFlight as Promise<R>;
    const attempt = this.unsettled ?? { key: this.makeKey(), body };
    this.set(attempt);
    const p = (async () => {
      try {
        const r = await send(attempt.body, attempt.key);
        this.set(null);
        return r;
      } catch (e) {
        if (outcomeOf(e) !== 'unknown') this.set(null);
        throw e;
      } finally {
        this.inFlight = null;
      }
    })();
    this.inFlight = p;
    return p;
  }

  /** The user gives up on an unknown submission (e.g. checked that it did not arrive): the next one gets a new key. */
  abandon(): void {
    if (!this.inFlight) this.set(null);
  }
}

/** An AbortSignal that fires after `ms` (as an AbortError, which isNetworkError() counts as "no answer"). */
export function timeoutSignal(ms: number): AbortSignal {
  const c = new AbortController();
  setTimeout(() => c.abort(), ms);
  return c.signal;
}

/** Long enough for the custom audit's server-side wait for the workflow (10 s) on a slow network. */
export const POST_TIMEOUT_MS = 30_000;
