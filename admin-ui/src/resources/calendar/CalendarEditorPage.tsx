import { Alert, Stack } from '@mui/material';
import { useLocation, useNavigate, useParams } from 'react-router-dom';
import { ListButton, Title, TopToolbar, useCanAccess, useTranslate } from 'react-admin';
import { chinaDate } from '../../format/dateTime';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { DETAIL_PAGE_SX } from '../customers/pageSx';
import { draftFromYear, emptyDraft, type CalendarCoverage } from './calendarModel';
import { CalendarEditor } from './CalendarEditor';
import { routeYear } from './CalendarYearPage';
import { statusOf } from '../cases/show/useCaseQueries';
import { useCalendarYear, useCalendarYears } from './useCalendarQueries';

const K = 'resources.calendar';

/** The year a new publication starts with: ?year=…, else the one after the last published, else next year. */
export function newYearOf(search: string, coverage: CalendarCoverage | undefined, now: number): number {
  const asked = routeYear(new URLSearchParams(search).get('year') ?? undefined);
  if (asked !== null) return asked;
  if (coverage?.knownThrough) return Number(coverage.knownThrough.slice(0, 4)) + 1;
  return Number(chinaDate(now).slice(0, 4)) + 1;
}

/** /calendar/create (a new year) and /calendar/:id (replace a published year): admins only. */
export function CalendarEditorPage() {
  const { id } = useParams<{ id: string }>();
  const { search } = useLocation();
  const navigate = useNavigate();
  const translate = useTranslate();
  const editing = id !== undefined;
  const editedYear = routeYear(id);
  const years = useCalendarYears();
  const year = useCalendarYear(editing ? editedYear : null);
  const { canAccess, isPending: accessPending } = useCanAccess({ resource: 'calendar', action: editing ? 'edit' : 'create' });
  const title = editing ? translate(`${K}.editor.editTitle`, { year: id }) : translate(`${K}.editor.title`);
  // replacing a year nobody published yet is publishing it: an empty draft of that year
  const unpublished = editing && statusOf(year.error) === 404;
  const failed = years.error ?? (editing && !unpublished ? year.error : null);
  const ready = years.data && (!editing || year.data || unpublished);
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <Title title={title} />
      <TopToolbar>
        <ListButton resource="calendar" />
      </TopToolbar>
      {accessPending ? (
        <LoadingState />
      ) : !canAccess ? (
        <Alert severity="info">{translate(`${K}.editor.readOnly`)}</Alert>
      ) : failed ? (
        <ErrorState error={failed} onRetry={() => void (years.error ? years.refetch() : year.refetch())} />
      ) : !ready ? (
        <LoadingState />
      ) : (
        <CalendarEditor
          key={editing ? `edit-${editedYear}` : 'new'}
          initial={
            year.data ? draftFromYear(year.data) : emptyDraft(editedYear ?? newYearOf(search, years.data.coverage, Date.now()))
          }
          yearFixed={editing}
          publishedYears={years.data.items.map((y) => y.year)}
          provisionalOpenCases={years.data.coverage.provisionalOpenCases}
          onPublished={(r) => navigate(`/calendar/${r.year}/show`)}
        />
      )}
    </Stack>
  );
}
