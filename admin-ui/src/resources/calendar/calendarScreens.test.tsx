// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { HttpError, Notification } from 'react-admin';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { toSubmissionErrors } from '../../data/problemDetails';
import { CalendarEditor } from './CalendarEditor';
import { CalendarCoverageBanner } from './CalendarCoverageBanner';
import { CalendarYearsPage } from './CalendarYearsPage';
import { MonthGrid } from './MonthGrid';
import { emptyDraft, type CalendarDay, type CalendarDraft, type CalendarYears } from './calendarModel';

const OCTOBER_2026: CalendarDay[] = [
  ...[1, 2, 3, 4, 5, 6, 7].map((d): CalendarDay => ({ date: `2026-10-0${d}`, kind: 'holiday', name: '国庆节' })),
  { date: '2026-10-10', kind: 'workday', name: '国庆节' },
];

const YEARS: CalendarYears = {
  items: [
    { year: 2026, source: 'chinese-days@1.5.7', publishedAt: '2026-01-01T00:00:00Z', publishedBy: null, holidays: 33, workdays: 6 },
    { year: 2025, source: 'admin', publishedAt: '2024-11-12T02:00:00Z', publishedBy: 'admin', holidays: 28, workdays: 5 },
  ],
  coverage: { knownThrough: '2026-12-31', coversNext90Days: false, provisionalOpenCases: 3 },
};

/** What the httpClient makes of the API's 422 problem (problemDetails.toHttpError). */
function refused(errors: { path: string; code: string; message: string; params?: Record<string, unknown> }[]) {
  const problem = { title: 'Unprocessable', status: 422, detail: 'The calendar is not valid.', errors };
  return new HttpError(problem.detail, 422, { ...problem, problemErrors: errors, errors: toSubmissionErrors(problem) });
}

describe('<MonthGrid>', () => {
  it('draws October 2026: 1–7 red holidays, the 10th marked 班, today outlined', () => {
    renderWithAdmin(<MonthGrid year={2026} month={10} days={OCTOBER_2026} today="2026-10-09" />);
    expect(screen.getByText('10 月')).toBeTruthy();
    const kind = (date: string) => document.querySelector(`[data-date="${date}"]`)?.getAttribute('data-kind');
    expect(['01', '02', '03', '04', '05', '06', '07'].map((d) => kind(`2026-10-${d}`))).toEqual(Array(7).fill('holiday'));
    expect(kind('2026-10-10')).toBe('makeup');
    expect(kind('2026-10-11')).toBe('weekend');
    expect(kind('2026-10-08')).toBe('workday');
    const marks = screen.getAllByTestId('makeup-mark');
    expect(marks).toHaveLength(1);
    expect(marks[0]!.textContent).toBe('班');
    expect(marks[0]!.closest('td')!.getAttribute('data-date')).toBe('2026-10-10');
    expect(document.querySelector('[data-today="true"]')!.getAttribute('data-date')).toBe('2026-10-09');
    // Monday first: the header starts with 一 and the 1st (a Thursday) is the fourth cell of the first week
    expect(screen.getAllByRole('columnheader', { hidden: true }).map((h) => h.textContent).join('')).toBe('一二三四五六日');
    expect([...document.querySelector('tbody tr')!.children].findIndex((td) => td.textContent === '1')).toBe(3);
  });
});

function renderEditor(initial: CalendarDraft, putCalendarYear = vi.fn(), onPublished = vi.fn()) {
  renderWithAdmin(
    <>
      <CalendarEditor initial={initial} publishedYears={[2025, 2026]} provisionalOpenCases={3} onPublished={onPublished} />
      <Notification />
    </>,
    { dataProvider: { putCalendarYear } as never, roles: ['admin'] },
  );
  return { putCalendarYear, onPublished };
}

const rowErrors = (testId: string, index: number) => within(screen.getAllByTestId(testId)[index]!).queryByTestId('row-errors')?.textContent ?? '';

// The editor renders twelve month grids on each change: slow in jsdom on a loaded machine, never a matter of wall time.
describe('<CalendarEditor>', { timeout: 20_000 }, () => {
  it('shows its own checks on the rows, in Chinese, and sends nothing', async () => {
    const { putCalendarYear } = renderEditor({
      year: 2027,
      holidays: [{ name: '', from: '2027-02-11', to: '2027-02-05' }],
      makeups: [{ date: '2027-02-10', name: '春节' }],
    });
    fireEvent.click(screen.getByTestId('calendar-publish'));
    expect(rowErrors('holiday-row', 0)).toContain('请填写名称。');
    expect(rowErrors('holiday-row', 0)).toContain('开始日期 2027-02-11 晚于结束日期 2027-02-05。');
    expect(rowErrors('makeup-row', 0)).toBe('2027-02-10 不是周六或周日：调休上班日只能是周末。');
    // the inputs say which text describes them
    expect(screen.getAllByTestId('makeup-date')[0]!.getAttribute('aria-describedby')).toBe('errors-makeups-0');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(putCalendarYear).not.toHaveBeenCalled();

    // corrected, the marks go away as the admin types
    fireEvent.change(screen.getAllByTestId('holiday-name')[0]!, { target: { value: '春节' } });
    fireEvent.change(screen.getAllByTestId('holiday-from')[0]!, { target: { value: '2027-02-05' } });
    fireEvent.change(screen.getAllByTestId('holiday-to')[0]!, { target: { value: '2027-02-11' } });
    fireEvent.change(screen.getAllByTestId('makeup-date')[0]!, { target: { value: '2027-02-13' } });
    expect(screen.queryAllByTestId('row-errors')).toHaveLength(0);
  });

  it('previews the year, confirms with the count of provisional deadlines, and publishes the expanded days', async () => {
    const put = vi.fn(async (year: number, days: CalendarDay[]) => ({ year, source: 'admin', publishedAt: 'now', publishedBy: 'admin', days, recomputedCases: 3 }));
    const { onPublished } = renderEditor(emptyDraft(2027), put);
    fireEvent.change(screen.getAllByTestId('holiday-name')[0]!, { target: { value: '元旦' } });
    fireEvent.change(screen.getAllByTestId('holiday-from')[0]!, { target: { value: '2027-01-01' } });
    fireEvent.change(screen.getAllByTestId('holiday-to')[0]!, { target: { value: '2027-01-03' } });
    fireEvent.click(screen.getByTestId('add-makeup'));
    fireEvent.change(screen.getAllByTestId('makeup-date')[0]!, { target: { value: '2026-12-27' } });
    // the preview follows the draft: 1–3 January 2027 red
    const preview = screen.getByTestId('calendar-preview');
    expect([...preview.querySelectorAll('[data-testid="day-cell"][data-kind="holiday"]')].map((c) => c.getAttribute('data-date'))).toEqual(['2027-01-01', '2027-01-02', '2027-01-03']);

    fireEvent.click(screen.getByTestId('calendar-publish'));
    // the make-up day lies in 2026: refused here (its name was taken from the holiday above)
    expect(rowErrors('makeup-row', 0)).toBe('日期 2026-12-27 不在 2027 年内。');
    fireEvent.change(screen.getAllByTestId('makeup-date')[0]!, { target: { value: '2027-01-09' } });
    fireEvent.click(screen.getByTestId('calendar-publish'));

    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('发布 2027 年节假日安排？')).toBeTruthy();
    expect(within(dialog).getByText('将发布节假日 3 天、调休上班 1 天。')).toBeTruthy();
    expect(within(dialog).getByTestId('calendar-confirm-recompute').textContent).toBe('目前有 3 件未结工单的期限为暂定；发布后，系统将按新日历重新计算这些期限。');
    fireEvent.click(within(dialog).getByTestId('calendar-confirm-publish'));
    await waitFor(() => expect(onPublished).toHaveBeenCalled());
    expect(put).toHaveBeenCalledWith(2027, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-01-02', kind: 'holiday', name: '元旦' },
      { date: '2027-01-03', kind: 'holiday', name: '元旦' },
      { date: '2027-01-09', kind: 'workday', name: '元旦' },
    ]);
    expect(await screen.findByText('已发布 2027 年工作日历；3 件工单的期限已重新计算。')).toBeTruthy();
  });

  it('puts the API\'s 422 errors on the rows that produced the days, from the catalogue by code', async () => {
    const put = vi.fn(async () => {
      throw refused([
        { path: 'days.3.date', code: 'calendar.workday-not-weekend', message: 'a make-up working day must be a Saturday or Sunday' },
        { path: 'days.1.date', code: 'calendar.some-new-rule', message: 'the server\'s own words' },
      ]);
    });
    const { onPublished } = renderEditor(
      { year: 2027, holidays: [{ name: '春节', from: '2027-02-05', to: '2027-02-07' }], makeups: [{ date: '2027-02-13', name: '春节' }] },
      put,
    );
    fireEvent.click(screen.getByTestId('calendar-publish'));
    fireEvent.click(within(await screen.findByRole('dialog')).getByTestId('calendar-confirm-publish'));
    await waitFor(() => expect(screen.getByTestId('calendar-publish-failure').textContent).toBe('请先修正标出的问题。'));
    // days sent: 02-05, 02-06, 02-07, 02-13 → days.3 is the make-up row, days.1 the holiday range
    expect(rowErrors('makeup-row', 0)).toBe('2027-02-13 不是周六或周日：调休上班日只能是周末。');
    expect(rowErrors('holiday-row', 0)).toBe('the server\'s own words');
    expect(onPublished).not.toHaveBeenCalled();
  });
});

describe('<CalendarEditor> pasting the notice', { timeout: 20_000 }, () => {
  it('fills the rows and the preview from the numbered lines, and reports a line it could not read', async () => {
    renderEditor(emptyDraft(2027));
    fireEvent.click(screen.getByRole('button', { name: '粘贴国务院办公厅通知' }));
    fireEvent.change(screen.getByTestId('notice-text'), {
      target: { value: '一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n二、春节：2月5日至11日放假调休，共7天。2月13日（星期六）上班。\n三、中秋节：另行通知。' },
    });
    fireEvent.click(screen.getByTestId('notice-read'));
    expect(screen.getByTestId('notice-result').textContent).toBe('已读取 2 项节假日、1 个调休上班日。以下各条未能读取，请手工填写：三、中秋节：另行通知。');
    expect(screen.getAllByTestId('holiday-name').map((i) => (i as HTMLInputElement).value)).toEqual(['元旦', '春节']);
    expect(screen.getAllByTestId('holiday-to').map((i) => (i as HTMLInputElement).value)).toEqual(['2027-01-03', '2027-02-11']);
    expect((screen.getByTestId('makeup-date') as HTMLInputElement).value).toBe('2027-02-13');
    const preview = screen.getByTestId('calendar-preview');
    expect(preview.querySelectorAll('[data-testid="day-cell"][data-kind="holiday"]')).toHaveLength(10);
    expect(preview.querySelector('[data-date="2027-02-13"]')!.getAttribute('data-kind')).toBe('makeup');
  });
});

describe('<CalendarCoverageBanner>', () => {
  const getCalendarYears = vi.fn(async () => YEARS);

  it('tells a manager how far the calendar covers and which year to publish, with a link to the screen', async () => {
    renderWithAdmin(<CalendarCoverageBanner />, { dataProvider: { getCalendarYears } as never, roles: ['manager'] });
    const banner = await screen.findByTestId('calendar-coverage-banner');
    expect(banner.textContent).toContain('工作日历只覆盖到 2026-12-31，之后的期限按周末计算、标为暂定。请发布 2027 年节假日安排。');
    expect(screen.getByTestId('calendar-coverage-link').getAttribute('href')).toMatch(/\/calendar$/);
  });

  it('is not shown to a supervisor (and the coverage is not even asked for), nor when the next 90 days are covered', async () => {
    const asked = vi.fn(async () => YEARS);
    renderWithAdmin(<CalendarCoverageBanner />, { dataProvider: { getCalendarYears: asked } as never, roles: ['supervisor'] });
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('calendar-coverage-banner')).toBeNull();
    expect(asked).not.toHaveBeenCalled();

    const covered = vi.fn(async () => ({ ...YEARS, coverage: { ...YEARS.coverage, coversNext90Days: true } }));
    renderWithAdmin(<CalendarCoverageBanner />, { dataProvider: { getCalendarYears: covered } as never, roles: ['admin'] });
    await waitFor(() => expect(covered).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByTestId('calendar-coverage-banner')).toBeNull();
  });
});

describe('<CalendarYearsPage>', () => {
  it('lists the years newest first with their source, counts and the coverage', async () => {
    renderWithAdmin(<CalendarYearsPage />, { dataProvider: { getCalendarYears: vi.fn(async () => YEARS) } as never, roles: ['supervisor'] });
    const rows = await screen.findAllByTestId('calendar-year-row');
    expect(rows.map((r) => r.getAttribute('data-year'))).toEqual(['2026', '2025']);
    expect(within(rows[0]!).getByTestId('calendar-source').textContent).toBe('国务院办公厅通知（chinese-days@1.5.7）');
    expect(within(rows[1]!).getByTestId('calendar-source').textContent).toBe('管理员发布');
    expect(rows[0]!.textContent).toContain('33');
    expect(screen.getByTestId('calendar-coverage').textContent).toContain('已发布至 2026-12-31');
    expect(screen.getByTestId('calendar-provisional-cases').textContent).toBe('期限为暂定的未结工单：3 件');
  });
});
