import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { JichaDataProvider } from '../../data/dataProvider';
import { statusOf } from '../cases/show/useCaseQueries';
import type { CaseWithVersions, JudgementNow } from './customerTypes';

const noRetryOnRefusal = (count: number, error: unknown) => count < 2 && statusOf(error) !== 404 && statusOf(error) !== 403;
const path = (accountNo: string) => `/customers/${encodeURIComponent(accountNo)}`;

/** The customer's cases (GET /api/customers/:accountNo/cases), newest first; the first 100. */
export function useCustomerCases(accountNo: string | undefined) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: ['customers', 'cases', accountNo ?? ''],
    queryFn: async () => {
      const { json, total } = await dataProvider.request<CaseWithVersions[]>(`${path(accountNo!)}/cases?range=${encodeURIComponent('[0,99]')}`);
      return { rows: Array.isArray(json) ? json : [], total: total ?? (Array.isArray(json) ? json.length : 0) };
    },
    enabled: !!accountNo,
    retry: noRetryOnRefusal,
  });
}

/** The system judgement of the customer now, by the active rule set — asked for on demand (it reads 2 years of bills). */
export function useCustomerJudgement(accountNo: string | undefined, enabled: boolean) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: ['customers', 'judgement', accountNo ?? ''],
    queryFn: async () => (await dataProvider.request<JudgementNow>(`${path(accountNo!)}/judgement`)).json,
    enabled: !!accountNo && enabled,
    retry: noRetryOnRefusal,
  });
}
