import { Alert, Button, Card, CardContent, Stack, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/EditOutlined';
import { Link as RouterLink, useParams } from 'react-router-dom';
import { ListButton, Title, TopToolbar, useCanAccess, useTranslate } from 'react-admin';
import { chinaDate, formatDateTime } from '../../format/dateTime';
import { useNow } from '../../hooks/useNow';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { DETAIL_PAGE_SX } from '../customers/pageSx';
import { statusOf } from '../cases/show/useCaseQueries';
import { CalendarYearView } from './CalendarYearView';
import { SourceLabel } from './CalendarYearsPage';
import { useCalendarYear } from './useCalendarQueries';

const K = 'resources.calendar';

/** The year in the route (/calendar/:id/show), or null when it is not a year. */
export function routeYear(id: string | undefined): number | null {
  return id && /^\d{4}$/.test(id) ? Number(id) : null;
}

/** One published year: twelve month grids and its day list; admins may edit and republish it. */
export function CalendarYearPage() {
  const { id } = useParams<{ id: string }>();
  const year = routeYear(id);
  const translate = useTranslate();
  const today = chinaDate(useNow(60_000));
  const q = useCalendarYear(year);
  const { canAccess: mayEdit } = useCanAccess({ resource: 'calendar', action: 'edit' });
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <Title title={translate(`${K}.year.title`, { year: year ?? id })} />
      <TopToolbar>
        <ListButton resource="calendar" />
        {mayEdit && q.data && (
          <Button component={RouterLink} to={`/calendar/${year}`} startIcon={<EditIcon />} data-testid="calendar-edit">
            {translate(`${K}.year.edit`)}
          </Button>
        )}
      </TopToolbar>
      {year === null || statusOf(q.error) === 404 ? (
        <Alert severity="info" data-testid="calendar-year-unknown">
          {translate(`${K}.year.unknown`, { year: year ?? id })}
        </Alert>
      ) : q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : (
        <Card>
          <CardContent>
            <Stack spacing={2}>
              <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center">
                <Typography variant="h5" component="h1">
                  {translate(`${K}.year.title`, { year: q.data.year })}
                </Typography>
                <SourceLabel source={q.data.source} />
                <Typography variant="body2" color="text.secondary">
                  {formatDateTime(q.data.publishedAt)}
                  {q.data.publishedBy ? ` · ${q.data.publishedBy}` : ''}
                </Typography>
              </Stack>
              <CalendarYearView year={q.data.year} days={q.data.days} today={today} />
            </Stack>
          </CardContent>
        </Card>
      )}
    </Stack>
  );
}
