import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { JichaDataProvider } from '../../data/dataProvider';

/** react-query key of GET /api/must-check-items; invalidated after a problem type's items are replaced. */
export const MUST_CHECK_KEY = ['must-check-items'] as const;

export function useMustCheckItems() {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({ queryKey: MUST_CHECK_KEY, queryFn: () => dataProvider.getMustCheckItems() });
}
