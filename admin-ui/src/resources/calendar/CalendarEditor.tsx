import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert, Box, Button, Card, CardContent, Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, IconButton, Stack, TextField, Typography,
} from '@mui/material';
import AddIcon from '@mui/icons-material/Add';
import DeleteIcon from '@mui/icons-material/DeleteOutline';
import { useQueryClient } from '@tanstack/react-query';
import { useDataProvider, useNotify, useTranslate } from 'react-admin';
import type { JichaDataProvider } from '../../data/dataProvider';
import { SectionCard } from '../../ui/SectionCard';
import {
  draftDays, errorKey, HOLIDAY_NAMES, rowKey, serverErrorsOnRows, validateDraft,
  type CalendarDraft, type DraftError, type DraftRow, type PublishedCalendarYear, type ServerFieldError,
} from './calendarModel';
import { CalendarYearView } from './CalendarYearView';
import { NoticePaste } from './NoticePaste';
import { CALENDAR_KEY } from './useCalendarQueries';

const K = 'resources.calendar.editor';
const NAMES_LIST_ID = 'calendar-holiday-names';
const DATE_SLOT = { inputLabel: { shrink: true } } as const;

type Translate = ReturnType<typeof useTranslate>;

/** An error's sentence: the catalogue's for a known code (with its params), else the server's own words. */
export function draftErrorText(error: DraftError, translate: Translate): string {
  const key = errorKey(error.code);
  return key ? translate(key, error.params) : (error.message ?? error.code);
}

function RowErrors({ errors, id }: { errors: DraftError[]; id: string }) {
  const translate = useTranslate();
  if (errors.length === 0) return null;
  return (
    <Box id={id} role="alert" sx={{ color: 'error.main', fontSize: 13, mt: 0.5 }} data-testid="row-errors">
      {errors.map((e, i) => (
        <div key={i} data-code={e.code}>
          {draftErrorText(e, translate)}
        </div>
      ))}
    </Box>
  );
}

interface RowField {
  label: string;
  value: string;
  testId: string;
  /** A date picker; else a text box offering the holiday names. */
  date?: boolean;
  named?: boolean;
  onChange(value: string): void;
}

/** One holiday range or make-up day: its fields side by side, a remove button, and the checks' marks below. */
function DraftRowFields({ testId, index, fields, errors, errorsId, onRemove }: {
  testId: string; index: number; fields: readonly RowField[]; errors: DraftError[]; errorsId: string; onRemove(): void;
}) {
  const translate = useTranslate();
  const described = { 'aria-describedby': errorsId };
  return (
    <Box data-testid={testId} data-row={index}>
      <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" alignItems="center">
        {fields.map((f) => (
          <TextField
            key={f.testId}
            size="small"
            type={f.date ? 'date' : undefined}
            label={translate(f.label)}
            value={f.value}
            onChange={(e) => f.onChange(e.target.value)}
            error={errors.length > 0}
            slotProps={f.date
              ? { ...DATE_SLOT, htmlInput: { 'data-testid': f.testId, ...described } }
              : { htmlInput: { ...(f.named ? { list: NAMES_LIST_ID } : {}), 'data-testid': f.testId, ...described } }}
          />
        ))}
        <IconButton aria-label={translate(`${K}.remove`)} onClick={onRemove}>
          <DeleteIcon />
        </IconButton>
      </Stack>
      <RowErrors errors={errors} id={errorsId} />
    </Box>
  );
}

/** The holidays' or the make-up days' list: a titled group of rows and the button that adds one. */
function RowSection({ legend, addLabel, addTestId, onAdd, children }: { legend: string; addLabel: string; addTestId: string; onAdd(): void; children: ReactNode }) {
  const translate = useTranslate();
  return (
    <Box component="fieldset" sx={{ border: 0, p: 0, m: 0 }}>
      <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
        {translate(legend)}
      </Typography>
      <Stack spacing={1.5}>
        {children}
        <Box>
          <Button startIcon={<AddIcon />} onClick={onAdd} data-testid={addTestId}>
            {translate(addLabel)}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}

export interface CalendarEditorProps {
  initial: CalendarDraft;
  /** Editing a published year: its number cannot change. */
  yearFixed?: boolean;
  /** Years already published (publishing one of them replaces it). */
  publishedYears: readonly number[];
  /** From the coverage: open cases with a provisional deadline, recomputed once a year is published. */
  provisionalOpenCases: number;
  onPublished(result: PublishedCalendarYear): void;
}

/**
 * The admin's editor of one year: holiday ranges with their names, make-up working days, a live preview of the year,
 * checks before sending (the API's own rules), then a confirmation that says how many provisional deadlines will be
 * recomputed. The API's refusals (422, errors[].code) land on the rows they concern.
 */
export function CalendarEditor({ initial, yearFixed = false, publishedYears, provisionalOpenCases, onPublished }: CalendarEditorProps) {
  const translate = useTranslate();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const [draft, setDraft] = useState<CalendarDraft>(initial);
  const [errors, setErrors] = useState<DraftError[]>([]);
  const [failure, setFailure] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const sent = useMemo(() => draftDays(draft), [draft]);

  const errorsOf = (row: DraftRow) => errors.filter((e) => rowKey(e.row) === rowKey(row));
  const update = (next: CalendarDraft) => {
    setDraft(next);
    // an edited draft is checked again on publish; stale marks would mislead meanwhile
    if (errors.length) setErrors(validateDraft(next));
  };
  const setHoliday = (index: number, patch: Partial<CalendarDraft['holidays'][number]>) =>
    update({ ...draft, holidays: draft.holidays.map((h, i) => (i === index ? { ...h, ...patch } : h)) });
  const setMakeup = (index: number, patch: Partial<CalendarDraft['makeups'][number]>) =>
    update({ ...draft, makeups: draft.makeups.map((m, i) => (i === index ? { ...m, ...patch } : m)) });

  const askToPublish = () => {
    setFailure(null);
    const found = validateDraft(draft);
    setErrors(found);
    if (found.length === 0) setConfirming(true);
  };

  const publish = async () => {
    setBusy(true);
    const request = { year: draft.year, ...draftDays(draft) };
    try {
      const result = await dataProvider.putCalendarYear(request.year, request.days);
      await queryClient.invalidateQueries({ queryKey: CALENDAR_KEY });
      notify(`${K}.published`, { type: 'success', messageArgs: { year: result.year, smart_count: result.recomputedCases } });
      onPublished(result);
    } catch (e) {
      const problemErrors = (e as { body?: { problemErrors?: ServerFieldError[] } }).body?.problemErrors;
      const onRows = serverErrorsOnRows(problemErrors, request);
      setErrors(onRows);
      setFailure(onRows.length ? translate(`${K}.fixErrors`) : e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };

  const holidayDays = sent.days.filter((d) => d.kind === 'holiday').length;
  const workdayDays = sent.days.length - holidayDays;
  const yearErrors = errorsOf({ list: 'year' });
  const validYear = Number.isInteger(draft.year) && draft.year >= 2000 && draft.year <= 2100;

  return (
    <Stack spacing={2} data-testid="calendar-editor">
      <datalist id={NAMES_LIST_ID}>
        {HOLIDAY_NAMES.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <Card>
        <CardContent>
          <Stack spacing={3}>
            <Box>
              <TextField
                label={translate(`${K}.year`)}
                type="number"
                value={Number.isNaN(draft.year) ? '' : draft.year}
                disabled={yearFixed}
                onChange={(e) => update({ ...draft, year: e.target.value === '' ? NaN : Number(e.target.value) })}
                error={yearErrors.length > 0}
                slotProps={{ htmlInput: { min: 2000, max: 2100, 'data-testid': 'calendar-year-input', 'aria-describedby': 'errors-year' } }}
                size="small"
              />
              <RowErrors errors={yearErrors} id="errors-year" />
            </Box>

            <NoticePaste year={draft.year} onRead={(parsed) => update({ ...draft, holidays: parsed.holidays, makeups: parsed.makeups })} />

            <RowSection legend={`${K}.holidays`} addLabel={`${K}.addHoliday`} addTestId="add-holiday" onAdd={() => update({ ...draft, holidays: [...draft.holidays, { name: '', from: '', to: '' }] })}>
              {draft.holidays.map((h, i) => (
                <DraftRowFields
                  key={i}
                  testId="holiday-row"
                  index={i}
                  errors={errorsOf({ list: 'holidays', index: i })}
                  errorsId={`errors-holidays-${i}`}
                  onRemove={() => update({ ...draft, holidays: draft.holidays.filter((_, j) => j !== i) })}
                  fields={[
                    { label: `${K}.name`, value: h.name, testId: 'holiday-name', named: true, onChange: (v) => setHoliday(i, { name: v }) },
                    { label: `${K}.from`, value: h.from, testId: 'holiday-from', date: true, onChange: (v) => setHoliday(i, { from: v, to: h.to || v }) },
                    { label: `${K}.to`, value: h.to, testId: 'holiday-to', date: true, onChange: (v) => setHoliday(i, { to: v }) },
                  ]}
                />
              ))}
            </RowSection>

            <RowSection
              legend={`${K}.makeups`}
              addLabel={`${K}.addMakeup`}
              addTestId="add-makeup"
              onAdd={() => update({ ...draft, makeups: [...draft.makeups, { date: '', name: draft.holidays.at(-1)?.name ?? '' }] })}
            >
              {draft.makeups.map((m, i) => (
                <DraftRowFields
                  key={i}
                  testId="makeup-row"
                  index={i}
                  errors={errorsOf({ list: 'makeups', index: i })}
                  errorsId={`errors-makeups-${i}`}
                  onRemove={() => update({ ...draft, makeups: draft.makeups.filter((_, j) => j !== i) })}
                  fields={[
                    { label: `${K}.date`, value: m.date, testId: 'makeup-date', date: true, onChange: (v) => setMakeup(i, { date: v }) },
                    { label: `${K}.name`, value: m.name, testId: 'makeup-name', named: true, onChange: (v) => setMakeup(i, { name: v }) },
                  ]}
                />
              ))}
            </RowSection>

            {failure && (
              <Alert severity="error" data-testid="calendar-publish-failure">
                {failure}
              </Alert>
            )}
            <Box>
              <Button variant="contained" onClick={askToPublish} disabled={busy} data-testid="calendar-publish">
                {translate(`${K}.publish`)}
              </Button>
            </Box>
          </Stack>
        </CardContent>
      </Card>

      {validYear && (
        <SectionCard title={`${K}.preview`} data-testid="calendar-preview">
          <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
            {translate(`${K}.previewHint`)}
          </Typography>
          <CalendarYearView year={draft.year} days={sent.days.filter((d) => d.date.startsWith(`${draft.year}-`))} />
        </SectionCard>
      )}

      <Dialog open={confirming} onClose={() => !busy && setConfirming(false)} aria-labelledby="calendar-confirm-title">
        <DialogTitle id="calendar-confirm-title">{translate(`${K}.confirmTitle`, { year: draft.year })}</DialogTitle>
        <DialogContent data-testid="calendar-confirm">
          <DialogContentText>{translate(`${K}.confirmBody`, { holidays: holidayDays, workdays: workdayDays })}</DialogContentText>
          {publishedYears.includes(draft.year) && <DialogContentText>{translate(`${K}.confirmReplace`, { year: draft.year })}</DialogContentText>}
          <DialogContentText data-testid="calendar-confirm-recompute">
            {provisionalOpenCases > 0
              ? translate(`${K}.confirmRecompute`, { smart_count: provisionalOpenCases })
              : translate(`${K}.confirmNoRecompute`)}
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)} disabled={busy}>
            {translate(`${K}.cancel`)}
          </Button>
          <Button variant="contained" onClick={() => void publish()} disabled={busy} data-testid="calendar-confirm-publish">
            {translate(`${K}.publish`)}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
}
