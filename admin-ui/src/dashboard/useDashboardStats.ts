import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { JichaDataProvider } from '../data/dataProvider';
import type { DashboardQuery } from './dashboardContract';

/** Overdue steps and escalations change by the hour: refresh while the page is open. */
const REFRESH_MS = 5 * 60_000;

export function useDashboardStats(query: DashboardQuery, enabled = true) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: ['dashboard', 'stats', query.from ?? '', query.to ?? '', query.unit ?? ''],
    queryFn: () => dataProvider.getDashboardStats(query),
    enabled,
    refetchInterval: REFRESH_MS,
    // keep the last figures on screen while another period or unit loads
    placeholderData: keepPreviousData,
    retry: (count, error) => count < 2 && ![400, 403, 404].includes(Number((error as { status?: unknown })?.status)),
  });
}
