import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import { contentRangeTotal, ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';
import { statusOf } from '../cases/show/useCaseQueries';

const noRetryOnRefusal = (count: number, error: unknown) => count < 2 && statusOf(error) !== 404 && statusOf(error) !== 403;

/** The customer's cases (GET /api/customers/:accountNo/cases), newest first; the first 100. */
export function useCustomerCases(accountNo: string | undefined) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: ['customers', 'cases', accountNo ?? ''],
    queryFn: async () => {
      const answer = await dataProvider.callApi('get', '/api/customers/{accountNo}/cases', { params: { path: { accountNo: accountNo! }, query: { range: [0, 99] } } });
      const rows = ok(answer);
      return { rows, total: contentRangeTotal(answer.response) ?? rows.length };
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
    queryFn: async () => ok(await dataProvider.callApi('get', '/api/customers/{accountNo}/judgement', { params: { path: { accountNo: accountNo! } } })),
    enabled: !!accountNo && enabled,
    retry: noRetryOnRefusal,
  });
}
