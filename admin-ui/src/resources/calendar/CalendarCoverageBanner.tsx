import { Alert, Button } from '@mui/material';
import { Link as RouterLink } from 'react-router-dom';
import { usePermissions, useTranslate } from 'react-admin';
import { chinaDate } from '../../format/dateTime';
import { useNow } from '../../hooks/useNow';
import { coverageBanner, mayBeToldOfCoverage } from './calendarModel';
import { useCalendarYears } from './useCalendarQueries';

const K = 'resources.calendar.banner';

/**
 * Across the back office, for admins and managers: the working-day calendar runs out within 90 days, so deadlines past
 * it count weekends only and are provisional — publish the next year. Says nothing while the coverage is unknown.
 */
export function CalendarCoverageBanner() {
  const translate = useTranslate();
  const { permissions } = usePermissions<string[]>();
  const roles = Array.isArray(permissions) ? permissions : undefined;
  const years = useCalendarYears({ enabled: mayBeToldOfCoverage(roles) });
  const today = chinaDate(useNow(60 * 60_000));
  const banner = coverageBanner(roles, years.data?.coverage, today);
  if (!banner) return null;
  return (
    <Alert
      severity="warning"
      data-testid="calendar-coverage-banner"
      sx={{ mt: 1 }}
      action={
        <Button component={RouterLink} to="/calendar" color="inherit" size="small" data-testid="calendar-coverage-link">
          {translate(`${K}.link`)}
        </Button>
      }
    >
      {banner.knownThrough
        ? translate(`${K}.short`, { date: banner.knownThrough, year: banner.year })
        : translate(`${K}.none`, { year: banner.year })}
    </Alert>
  );
}
