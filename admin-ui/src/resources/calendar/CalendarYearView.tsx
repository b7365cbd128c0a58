import { Box, Chip, List, ListItem, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { dayRuns, weekdayOf, type CalendarDay } from './calendarModel';
import { MonthGrid } from './MonthGrid';

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

/** The legend of the grids' colours and marks. */
function Legend() {
  const translate = useTranslate();
  const K = 'resources.calendar.grid.legend';
  return (
    <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" aria-hidden="true">
      <Chip size="small" label={translate(`${K}.holiday`)} sx={{ bgcolor: 'error.main', color: 'error.contrastText' }} />
      <Chip size="small" label={translate(`${K}.makeup`)} sx={{ bgcolor: 'action.selected' }} />
      <Chip size="small" variant="outlined" label={translate(`${K}.weekend`)} sx={{ color: 'error.main' }} />
      <Chip size="small" variant="outlined" color="primary" label={translate(`${K}.today`)} />
    </Stack>
  );
}

/** The year's holidays and make-up days as sentences: what a screen reader reads instead of the grids. */
export function DayList({ days }: { days: readonly CalendarDay[] }) {
  const translate = useTranslate();
  const K = 'resources.calendar.year';
  const runs = dayRuns(days);
  return (
    <Box component="section" aria-labelledby="calendar-day-list">
      <Typography id="calendar-day-list" variant="subtitle1" component="h2" sx={{ fontWeight: 600 }}>
        {translate(`${K}.dayList`)}
      </Typography>
      {runs.length === 0 ? (
        <Typography variant="body2" color="text.secondary">
          {translate(`${K}.noDays`)}
        </Typography>
      ) : (
        <List dense data-testid="day-list">
          {runs.map((r) => {
            const range = r.from === r.to ? r.from : translate(`${K}.range`, { from: r.from, to: r.to });
            return (
              <ListItem key={`${r.kind}-${r.from}`} disableGutters data-kind={r.kind} data-testid="day-run">
                {r.kind === 'holiday'
                  ? translate(`${K}.holidayRun`, { name: r.name, range, smart_count: r.count })
                  : translate(`${K}.workdayRun`, { name: r.name, range, weekday: translate(`resources.calendar.grid.weekdayNames.${weekdayOf(r.from)}`) })}
              </ListItem>
            );
          })}
        </List>
      )}
    </Box>
  );
}

/** Twelve compact month grids and the day list below them. */
export function CalendarYearView({ year, days, today }: { year: number; days: readonly CalendarDay[]; today?: string }) {
  return (
    <Stack spacing={2} data-testid="calendar-year-view" data-year={year}>
      <Legend />
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: 'repeat(auto-fill, minmax(232px, 1fr))' }}>
        {MONTHS.map((m) => (
          <MonthGrid key={m} year={year} month={m} days={days} today={today} />
        ))}
      </Box>
      <DayList days={days} />
    </Stack>
  );
}
