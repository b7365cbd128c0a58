import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import { ok } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';

/** The customer's judgement as the latest stored daily run recorded it: cheap to read, so read on opening. */
export function useStoredJudgement(accountNo: string | undefined) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: ['customers', 'stored-judgement', accountNo ?? ''],
    queryFn: async () => ok(await dataProvider.callApi('get', '/api/customers/{accountNo}/stored-judgement', { params: { path: { accountNo: accountNo! } } })),
    enabled: !!accountNo,
    retry: false,
  });
}

/** A campaign's preview customers, keyset page after page ("load more"). */
export function usePreviewCustomers(campaignId: string, pageSize = 25) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useInfiniteQuery({
    queryKey: ['campaigns', 'preview-customers', campaignId, pageSize],
    queryFn: async ({ pageParam }) =>
      ok(await dataProvider.callApi('get', '/api/campaigns/{id}/preview/customers', { params: { path: { id: campaignId }, query: { cursor: pageParam, limit: pageSize } } })),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
    staleTime: 0,
  });
}
