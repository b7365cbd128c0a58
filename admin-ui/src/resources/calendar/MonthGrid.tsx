import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { monthGrid, type CalendarDay, type DayCell } from './calendarModel';

/** Monday first, as Chinese calendars print the week. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

const CELL_SX = {
  position: 'relative',
  width: 30,
  height: 26,
  p: 0,
  textAlign: 'center',
  fontSize: 12,
  lineHeight: '26px',
  borderRadius: 1,
} as const;

function cellSx(cell: DayCell) {
  return {
    ...CELL_SX,
    ...(cell.kind === 'holiday' && { bgcolor: 'error.main', color: 'error.contrastText', fontWeight: 600 }),
    ...(cell.kind === 'weekend' && { color: 'error.main' }),
    ...(cell.kind === 'makeup' && { bgcolor: 'action.selected', fontWeight: 600 }),
    ...(cell.today && { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: -2 }),
  };
}

/**
 * One month as a compact grid: public holidays red, other weekends in red type, make-up working weekends marked 班,
 * today outlined. The grid is for the eye; screen readers get the year's day list (DayList) instead.
 */
export function MonthGrid({ year, month, days, today }: { year: number; month: number; days: readonly CalendarDay[]; today?: string }) {
  const translate = useTranslate();
  const weeks = monthGrid(year, month, days, today);
  return (
    <Box data-testid="month-grid" data-month={month} aria-hidden="true">
      <Typography variant="subtitle2" component="div" sx={{ mb: 0.5 }}>
        {translate('resources.calendar.grid.month', { month })}
      </Typography>
      <Box component="table" sx={{ borderCollapse: 'separate', borderSpacing: 2 }}>
        <thead>
          <tr>
            {WEEK.map((d) => (
              <Box component="th" key={d} sx={{ ...CELL_SX, height: 18, lineHeight: '18px', fontWeight: 400, color: 'text.secondary' }}>
                {translate(`resources.calendar.grid.weekdays.${d}`)}
              </Box>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, i) => (
            <tr key={i}>
              {week.map((cell, j) =>
                cell ? (
                  <Box
                    component="td"
                    key={cell.date}
                    sx={cellSx(cell)}
                    title={cell.name ?? undefined}
                    data-testid="day-cell"
                    data-date={cell.date}
                    data-kind={cell.kind}
                    data-today={cell.today ? 'true' : undefined}
                  >
                    {cell.day}
                    {cell.kind === 'makeup' && (
                      <Box
                        component="span"
                        data-testid="makeup-mark"
                        sx={{ position: 'absolute', top: -4, right: -3, fontSize: 9, lineHeight: 1, px: '2px', borderRadius: 0.5, bgcolor: 'warning.main', color: 'warning.contrastText' }}
                      >
                        {translate('resources.calendar.grid.makeupMark')}
                      </Box>
                    )}
                  </Box>
                ) : (
                  <td key={`pad-${j}`} />
                ),
              )}
            </tr>
          ))}
        </tbody>
      </Box>
    </Box>
  );
}
