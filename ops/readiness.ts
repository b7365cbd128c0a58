// Readiness checks: each dependency probed in parallel with its own timeout, so one hung dependency
// cannot hold the probe (or a load balancer) hostage.

export type Check = () => Promise<boolean>;

export interface Readiness {
  status: 'ready' | 'unready' | 'draining';
  checks: Record<string, boolean>;
  /** Checks that degrade the service without making it unready (the working-day calendar running out). */
  advisories?: Record<string, 'ok' | 'degraded'>;
}

export function withTimeout(check: Check, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), ms);
    check().then(
      (ok) => { clearTimeout(timer); resolve(ok === true); },
      () => { clearTimeout(timer); resolve(false); },
    );
  });
}

export async function runChecks(checks: Record<string, Check>, { timeoutMs = 2000, draining = false } = {}): Promise<Readiness> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((n) => withTimeout(checks[n], timeoutMs)));
  const out: Record<string, boolean> = {};
  names.forEach((n, i) => { out[n] = results[i]; });
  const ok = results.every(Boolean);
  return { status: draining ? 'draining' : ok ? 'ready' : 'unready', checks: out };
}

/** Advisory checks: a failed or hung one reports 'degraded'; readiness does not depend on them. */
export async function runAdvisories(checks: Record<string, Check>, { timeoutMs = 2000 } = {}): Promise<Record<string, 'ok' | 'degraded'>> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((n) => withTimeout(checks[n], timeoutMs)));
  return Object.fromEntries(names.map((n, i) => [n, results[i] ? 'ok' : 'degraded']));
}

/** Caches a check's answer (success or failure) for `ttlMs`; concurrent callers share one probe. */
export function cached(check: Check, ttlMs: number): Check {
  let at = 0;
  let last: Promise<boolean> | null = null;
  return () => {
    const now = Date.now();
    if (!last || now - at > ttlMs) {
      at = now;
      last = check().catch(() => false);
    }
    return last;
  };
}

/** The realm's signing keys are reachable and non-empty (what token verification needs). */
export function jwksCheck(issuer: string, { timeoutMs = 1500, ttlMs = 5000 } = {}): Check {
  const url = `${issuer.replace(/\/$/, '')}/protocol/openid-connect/certs`;
  return cached(async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), headers: { accept: 'application/json' } });
    if (!res.ok) {
      await res.arrayBuffer().catch(() => undefined);
      return false;
    }
    const body = (await res.json()) as { keys?: unknown[] };
    return Array.isArray(body.keys) && body.keys.length > 0;
  }, ttlMs);
}

/** Shared by the API and the worker: set when SIGTERM arrives, so /readyz turns 503 while work drains. */
export interface Lifecycle {
  draining: boolean;
  /** Written-behind work to finish after the last request and before the pools close (the audit writer). */
  flushers: (() => Promise<void>)[];
}

export function createLifecycle(): Lifecycle {
  return { draining: false, flushers: [] };
}

/** Runs every flusher; one that fails does not keep the others from running. */
export async function flushLifecycle(l: Lifecycle): Promise<void> {
  await Promise.allSettled(l.flushers.map((f) => f()));
}
