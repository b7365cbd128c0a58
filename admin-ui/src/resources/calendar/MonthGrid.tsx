import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { monthGrid, type CalendarDay, type DayCell } from './calendarModel';

/** Monday first, as Chinese calendars print the week. */
const WEEK = [1, 2, 3, 4, 5, 6, 0] as const;

// One style for the whole table, cells picked by class: a preview re-renders twelve months on every keystroke, and a
// style object per cell would make the editor sluggish.
const TABLE_SX = {
  borderCollapse: 'separate',
  borderSpacing: 2,
  '& th, & td': { position: 'relative', width: 30, height: 26, p: 0, textAlign: 'center', fontSize: 12, lineHeight: '26px', borderRadius: 1 },
  '& th': { height: 18, lineHeight: '18px', fontWeight: 400, color: 'text.secondary' },
  '& td.holiday': { bgcolor: 'error.main', color: 'error.contrastText', fontWeight: 600 },
  '& td.weekend': { color: 'error.main' },
  '& td.makeup': { bgcolor: 'action.selected', fontWeight: 600 },
  '& td.today': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: '-2px' },
  '& .mark': { position: 'absolute', top: -4, right: -3, fontSize: 9, lineHeight: 1, px: '2px', borderRadius: 0.5, bgcolor: 'warning.main', color: 'warning.contrastText' },
} as const;

const cellClass = (cell: DayCell) => (cell.today ? `${cell.kind} today` : cell.kind);

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
      <Box component="table" sx={TABLE_SX}>
        <thead>
          <tr>
            {WEEK.map((d) => (
              <th key={d}>{translate(`resources.calendar.grid.weekdays.${d}`)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week, i) => (
            <tr key={i}>
              {week.map((cell, j) =>
                cell ? (
                  <td
                    key={cell.date}
                    className={cellClass(cell)}
                    title={cell.name ?? undefined}
                    data-testid="day-cell"
                    data-date={cell.date}
                    data-kind={cell.kind}
                    data-today={cell.today ? 'true' : undefined}
                  >
                    {cell.day}
                    {cell.kind === 'makeup' && (
                      <span className="mark" data-testid="makeup-mark">
                        {translate('resources.calendar.grid.makeupMark')}
                      </span>
                    )}
                  </td>
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
