import { ok, type ApiBody, type ApiClient } from '../../../../client';
import { POST_TIMEOUT_MS, timeoutSignal, type OnlineAction } from './onlineAction';
import { SEARCH_LIMIT } from './search';
import type { Customer360, CustomerHit } from './customer360';

// The calls of the custom audit and public query pages, through the generated client over /mobile/v1.

export type CustomCaseBody = ApiBody<'/mobile/v1/custom-cases'>;

/** The case opened: its id, and whether its workflow had recorded it when the API answered (201) or not yet (202). */
export interface StartedCase {
  caseId: string;
  caseNo: string | null;
  recorded: boolean;
}

export async function searchCustomers(api: ApiClient, q: string, signal?: AbortSignal): Promise<CustomerHit[]> {
  return ok(await api.GET('/mobile/v1/customers', { params: { query: { q, limit: SEARCH_LIMIT } }, signal }));
}

export async function loadCustomer360(api: ApiClient, accountNo: string, range: { months: number; days: number }): Promise<Customer360> {
  return ok(await api.GET('/mobile/v1/customers/{accountNo}', { params: { path: { accountNo }, query: range } }));
}

/** POST /mobile/v1/custom-cases under the action's Idempotency-Key: a retry of an unanswered attempt opens no second case. */
export function startCustomAudit(api: ApiClient, action: OnlineAction<CustomCaseBody>, body: CustomCaseBody): Promise<StartedCase> {
  return action.run(body, async (b, key) => {
    const c = ok(await api.POST('/mobile/v1/custom-cases', { body: b, headers: { 'Idempotency-Key': key }, signal: timeoutSignal(POST_TIMEOUT_MS) }));
    return 'caseNo' in c ? { caseId: c.id, caseNo: c.caseNo, recorded: true } : { caseId: c.id, caseNo: null, recorded: false };
  });
}

/**
 * Waits until a just-opened case is among my tasks: the API answers the opening at once, but the case reaches 我的任务
 * only once its workflow has judged it and offered it to me (a few seconds). 404 means "not yet"; anything else
 * ends the wait. True when the task can be opened, false when `timeoutMs` passed first.
 */
export async function waitForTask(
  api: ApiClient,
  caseId: string,
  o: { timeoutMs?: number; sleep?: (ms: number) => Promise<void>; now?: () => number } = {},
): Promise<boolean> {
  const sleep = o.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const now = o.now ?? Date.now;
  const until = now() + (o.timeoutMs ?? 40_000);
  let pause = 500;
  for (;;) {
    let status: number;
    try {
      status = (await api.GET('/mobile/v1/tasks/{id}', { params: { path: { id: caseId } } })).response.status;
    } catch (e) {
      // the app's client throws refusals (TerminalError, with a status); no status: the network is gone
      if (!(e && typeof e === 'object' && 'status' in e)) return false;
      status = (e as { status: number }).status;
    }
    // anything but "not yet" (the task, or a refusal the task page explains) ends the wait
    if (status !== 404) return true;
    if (now() + pause > until) return false;
    await sleep(pause);
    pause = Math.min(pause * 1.5, 3000);
  }
}
