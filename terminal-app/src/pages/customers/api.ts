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
