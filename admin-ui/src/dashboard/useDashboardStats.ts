import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { ApiQuery, ApiResponse } from '../data/api';
import type { JichaDataProvider } from '../data/dataProvider';

/** GET /api/dashboard/stats: period figures (Beijing-time months), overdue steps and open escalations as of now. */
export type DashboardStats = ApiResponse<'/api/dashboard/stats'>;
/** Every field optional: the server defaults to the caller's unit and the last 6 months. */
export type DashboardQuery = ApiQuery<'/api/dashboard/stats'>;
export type DashboardFigures = DashboardStats['figures'];
export type OrgUnitRef = DashboardStats['unit'];
export type TrendPoint = DashboardStats['trend'][number];
export type UnitFigures = DashboardStats['units'][number];

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
