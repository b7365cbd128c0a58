import { Alert, Button, Card, CardContent, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import { Link as RouterLink } from 'react-router-dom';
import { Title, TopToolbar, useCanAccess, useTranslate } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { DETAIL_PAGE_SX } from '../customers/pageSx';
import { sourceKind, type CalendarCoverage, type CalendarSource } from './calendarModel';
import { useCalendarYears } from './useCalendarQueries';

const K = 'resources.calendar';

export function SourceLabel({ source }: { source: CalendarSource }) {
  const translate = useTranslate();
  const kind = sourceKind(source);
  return (
    <Chip
      size="small"
      variant="outlined"
      color={kind === 'package' ? 'default' : 'primary'}
      label={translate(`${K}.sources.${kind}`, { source })}
      data-testid="calendar-source"
      data-source={kind}
    />
  );
}

function CoverageCard({ coverage }: { coverage: CalendarCoverage }) {
  const translate = useTranslate();
  return (
    <Alert severity={coverage.coversNext90Days ? 'success' : 'warning'} data-testid="calendar-coverage" data-covers={String(coverage.coversNext90Days)}>
      <Typography variant="subtitle2" component="h2">
        {translate(`${K}.coverage.title`)}
      </Typography>
      <div>
        {coverage.knownThrough ? translate(`${K}.coverage.knownThrough`, { date: coverage.knownThrough }) : translate(`${K}.coverage.none`)}
        {' · '}
        {translate(coverage.coversNext90Days ? `${K}.coverage.covered` : `${K}.coverage.short`)}
      </div>
      <div data-testid="calendar-provisional-cases">{translate(`${K}.coverage.provisional`, { smart_count: coverage.provisionalOpenCases })}</div>
    </Alert>
  );
}

/** 工作日历: the published years (newest first) with their source and counts, and how far they cover. */
export function CalendarYearsPage() {
  const translate = useTranslate();
  const q = useCalendarYears();
  const { canAccess: mayPublish } = useCanAccess({ resource: 'calendar', action: 'create' });
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <Title title={translate(`${K}.list.title`)} />
      {mayPublish && (
        <TopToolbar>
          <Button component={RouterLink} to="/calendar/create" startIcon={<AddIcon />} data-testid="calendar-publish-new">
            {translate(`${K}.list.publish`)}
          </Button>
        </TopToolbar>
      )}
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : (
        <>
          <CoverageCard coverage={q.data.coverage} />
          <Card>
            <CardContent sx={{ overflowX: 'auto' }}>
              {q.data.items.length === 0 ? (
                <Typography color="text.secondary">{translate(`${K}.list.empty`)}</Typography>
              ) : (
                <Table size="small" data-testid="calendar-years">
                  <TableHead>
                    <TableRow>
                      {(['year', 'source', 'holidays', 'workdays', 'publishedAt', 'publishedBy'] as const).map((f) => (
                        <TableCell key={f}>{translate(`${K}.fields.${f}`)}</TableCell>
                      ))}
                    </TableRow>
                  </TableHead>
                  <TableBody>
                    {q.data.items.map((y) => (
                      <TableRow key={y.year} hover data-testid="calendar-year-row" data-year={y.year}>
                        <TableCell>
                          <RouterLink to={`/calendar/${y.year}/show`}>{y.year}</RouterLink>
                        </TableCell>
                        <TableCell>
                          <SourceLabel source={y.source} />
                        </TableCell>
                        <TableCell>{y.holidays}</TableCell>
                        <TableCell>{y.workdays}</TableCell>
                        <TableCell>{formatDateTime(y.publishedAt)}</TableCell>
                        <TableCell>{y.publishedBy ?? '—'}</TableCell>
                      </TableRow>
                    ))}
                  </TableBody>
                </Table>
              )}
            </CardContent>
          </Card>
        </>
      )}
    </Stack>
  );
}
