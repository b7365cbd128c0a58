import { useQuery } from '@tanstack/react-query';
import { useDataProvider } from 'react-admin';
import type { JichaDataProvider } from '../../data/dataProvider';
import { statusOf } from '../cases/show/useCaseQueries';

/** react-query keys of the calendar's reads; everything under CALENDAR_KEY is invalidated after a publication. */
export const CALENDAR_KEY = ['calendar'] as const;
export const calendarYearsKey = [...CALENDAR_KEY, 'years'] as const;
export const calendarYearKey = (year: number) => [...CALENDAR_KEY, 'year', year] as const;

/** The coverage changes once a day at most (or when a year is published here): no need to ask often. */
const COVERAGE_STALE_MS = 10 * 60_000;

/** GET /api/calendar/years: the published years and the coverage. */
export function useCalendarYears({ enabled = true }: { enabled?: boolean } = {}) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: calendarYearsKey,
    queryFn: () => dataProvider.getCalendarYears(),
    enabled,
    staleTime: COVERAGE_STALE_MS,
    retry: (count, error) => count < 2 && statusOf(error) !== 403,
  });
}

/** GET /api/calendar/years/:year (404 when the year is not published: no retry). */
export function useCalendarYear(year: number | null) {
  const dataProvider = useDataProvider<JichaDataProvider>();
  return useQuery({
    queryKey: calendarYearKey(year ?? 0),
    queryFn: () => dataProvider.getCalendarYear(year!),
    enabled: year !== null,
    retry: (count, error) => count < 2 && statusOf(error) !== 404 && statusOf(error) !== 403,
  });
}
