import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import { ok, type ApiQuery, type ApiResponse } from '../../data/api';
import type { JichaDataProvider } from '../../data/dataProvider';

/** A person the picker offers (GET /api/people). */
export type PickablePerson = ApiResponse<'/api/people'>[number];
export type PeopleFilter = Pick<ApiQuery<'/api/people'>, 'role' | 'station'>;

/** People of the caller's scope matching the typed text (the server searches Chinese names and user names). */
export function usePeople(filter: PeopleFilter, q: string) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  const query = { ...filter, ...(q.trim() ? { q: q.trim() } : {}) };
  return useQuery({
    queryKey: ['people', query],
    queryFn: async () => {
      const rows = ok(await dataProvider.callApi('get', '/api/people', { params: { query } }));
      return Array.isArray(rows) ? rows : [];
    },
    staleTime: 30_000,
    retry: 1,
  });
}

export const casePeopleKey = (caseId: string) => ['cases', 'people', caseId] as const;

/** Display and unit names of everyone the case names (GET /api/cases/:id/people), one read per case page. */
export function useCasePeople(caseId: string | undefined) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: casePeopleKey(caseId ?? ''),
    queryFn: async () => ok(await dataProvider.callApi('get', '/api/cases/{id}/people', { params: { path: { id: caseId! } } })),
    enabled: !!caseId,
    staleTime: 60_000,
    retry: 1,
  });
}
