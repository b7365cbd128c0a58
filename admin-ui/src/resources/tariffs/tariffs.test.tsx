// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminContext, HttpError, memoryStore, type DataProvider } from 'react-admin';
import { i18nProvider } from '../../i18n/i18nProvider';
import { canAccess } from '../../auth/permissions';
import { fakeAuthProvider } from '../../test/renderWithAdmin';
import { toSubmissionErrors } from '../../data/problemDetails';
import { TariffCataloguePage } from './TariffCataloguePage';
import { dayBefore, emptyPriceDraft, priceHistory, toPriceBody, validatePriceDraft, type TariffEntry, type TariffPrice } from './tariffModel';

const v = (effectiveFrom: string, priceYuanPerKwh: number, basicFeeYuanPerKvaMonth: number | null = null): TariffPrice => ({
  effectiveFrom, priceYuanPerKwh, basicFeeYuanPerKvaMonth, source: `文号 ${effectiveFrom}`,
});

/** Versions per category, oldest first: what the server keeps (tariff_prices). */
const VERSIONS: Record<string, TariffPrice[]> = {
  residential: [v('2016-01-01', 0.558), v('2026-07-01', 0.5683)],
  large_industrial: [v('2016-01-01', 0.6505, 28), v('2027-01-01', 0.6321, 30)],
  agricultural: [],
};
const CATEGORIES = [
  { code: 'residential', nameZh: '居民生活用电', nameEn: 'Residential', twoPart: false },
  { code: 'large_industrial', nameZh: '大工业用电', nameEn: 'Large industrial', twoPart: true },
  { code: 'agricultural', nameZh: '农业生产用电', nameEn: 'Agricultural production', twoPart: false },
];

/** GET /api/tariffs?on=day as the server answers it: the latest version at or before the day. */
function entriesOn(day: string): TariffEntry[] {
  return CATEGORIES.map((c) => ({
    province: 'HB', ...c,
    price: [...VERSIONS[c.code]!].reverse().find((p) => p.effectiveFrom <= day) ?? null,
  }));
}

describe('tariff model', () => {
  it('walks a category\'s versions back from the newest, one day before each', async () => {
    const asked: string[] = [];
    const history = await priceHistory(async (day) => (asked.push(day), entriesOn(day)), { province: 'HB', code: 'large_industrial' }, v('2027-01-01', 0.6321, 30));
    expect(history.map((p) => [p.effectiveFrom, p.priceYuanPerKwh])).toEqual([['2027-01-01', 0.6321], ['2016-01-01', 0.6505]]);
    expect(asked).toEqual(['2026-12-31', '2015-12-31']);
    expect(dayBefore('2024-03-01')).toBe('2024-02-29');
    expect(await priceHistory(async () => [], { province: 'HB', code: 'agricultural' }, null)).toEqual([]);
  });

  it('checks the form as the API does and builds the POST body', () => {
    const entries = entriesOn('2026-12-04');
    const codes = (d: Parameters<typeof validatePriceDraft>[0]) => validatePriceDraft(d, entries).map((e) => `${e.field}:${e.code}`);
    expect(codes(emptyPriceDraft(''))).toEqual(['category:tariff.category-required', 'effectiveFrom:tariff.date-invalid', 'price:tariff.price-invalid', 'source:tariff.source-length']);
    const good = { category: 'HB:large_industrial', effectiveFrom: '2027-03-01', price: '0.6123', basicFee: '', source: '  鄂发改价管〔2027〕5号 ' };
    expect(codes(good)).toEqual([]);
    expect(codes({ ...good, price: '0' })).toEqual(['price:tariff.price-range']);
    expect(codes({ ...good, price: '100.01' })).toEqual(['price:tariff.price-range']);
    expect(codes({ ...good, price: '100' })).toEqual([]);
    expect(codes({ ...good, price: '0.61234' })).toEqual(['price:tariff.price-precision']);
    expect(codes({ ...good, basicFee: '1000.5' })).toEqual(['basicFee:tariff.basic-fee-range']);
    expect(codes({ ...good, basicFee: '28.125' })).toEqual(['basicFee:tariff.basic-fee-precision']);
    expect(codes({ ...good, effectiveFrom: '2027-02-30' })).toEqual(['effectiveFrom:tariff.date-invalid']);
    expect(codes({ ...good, category: 'HB:banana' })).toEqual(['category:tariff.category-required']);
    expect(toPriceBody({ ...good, basicFee: '30' }, entries)).toEqual({
      province: 'HB', code: 'large_industrial', effectiveFrom: '2027-03-01', priceYuanPerKwh: 0.6123, basicFeeYuanPerKvaMonth: 30, source: '鄂发改价管〔2027〕5号',
    });
    expect(toPriceBody(good, entries)).not.toHaveProperty('basicFeeYuanPerKvaMonth');
  });
});

function renderPage(roles: string[], addTariffPrice = vi.fn()) {
  const getTariffs = vi.fn(async ({ on }: { on: string }) => entriesOn(on));
  // the app's access policy decides the buttons, as authProvider.canAccess does
  const authProvider = { ...fakeAuthProvider(roles), canAccess: async ({ resource, action }: { resource: string; action: string }) => canAccess(roles, resource, action) };
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={{ getTariffs, addTariffPrice } as Partial<DataProvider> as DataProvider} authProvider={authProvider} store={memoryStore()}>
      <TariffCataloguePage today="2026-12-04" />
    </AdminContext>,
  );
  return { getTariffs, addTariffPrice };
}

const row = (code: string) => document.querySelector<HTMLElement>(`[data-testid="tariff-row"][data-code="${code}"]`)!;
const priceOf = (code: string) => within(row(code)).queryByTestId('tariff-price')?.textContent ?? within(row(code)).getByTestId('tariff-no-price').textContent;

describe('<TariffCataloguePage>', { timeout: 20_000 }, () => {
  it('shows each category with its codes, names and the price in force on the chosen day (today by default)', async () => {
    const { getTariffs } = renderPage(['inspector']);
    await waitFor(() => expect(row('residential')).toBeTruthy());
    expect(getTariffs).toHaveBeenCalledWith({ on: '2026-12-04' });
    expect(row('residential').textContent).toContain('居民生活用电');
    expect(row('residential').textContent).toContain('Residential');
    expect(priceOf('residential')).toBe('0.5683');
    expect(priceOf('large_industrial')).toBe('0.6505');
    expect(within(row('large_industrial')).getByTestId('tariff-basic-fee').textContent).toBe('28.00');
    expect(priceOf('agricultural')).toBe('该日尚无执行电价');

    fireEvent.change(screen.getByTestId('tariff-day'), { target: { value: '2026-06-30' } });
    await waitFor(() => expect(priceOf('residential')).toBe('0.5580'));
    expect(within(row('residential')).getByTestId('tariff-effective-from').textContent).toBe('2016-01-01');
    fireEvent.change(screen.getByTestId('tariff-day'), { target: { value: '2027-01-01' } });
    await waitFor(() => expect(priceOf('large_industrial')).toBe('0.6321'));
    // an inspector reads the catalogue and adds nothing (the access check has answered by now; a manager sees the button)
    expect(screen.queryByTestId('tariff-add')).toBeNull();
  });

  it('lists a category\'s versions, newest first, the one in force on the day marked', async () => {
    renderPage(['supervisor']);
    await waitFor(() => expect(row('large_industrial')).toBeTruthy());
    fireEvent.click(within(row('large_industrial')).getByTestId('tariff-history-toggle'));
    await waitFor(() => expect(screen.getAllByTestId('tariff-version')).toHaveLength(2));
    const versions = screen.getAllByTestId('tariff-version');
    expect(versions.map((r) => r.getAttribute('data-effective-from'))).toEqual(['2027-01-01', '2016-01-01']);
    expect(within(versions[1]!).getByText('执行中')).toBeTruthy();
    expect(within(versions[0]!).queryByText('执行中')).toBeNull();
  });

  async function openForm(addTariffPrice = vi.fn()) {
    const calls = renderPage(['manager'], addTariffPrice);
    await waitFor(() => expect((screen.getByTestId('tariff-add') as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByTestId('tariff-add'));
    await screen.findByTestId('tariff-add-form');
    return calls;
  }

  async function fill(price: string) {
    fireEvent.mouseDown(within(screen.getByTestId('tariff-add-form')).getByRole('combobox'));
    fireEvent.click(await screen.findByRole('option', { name: /大工业用电/ }));
    fireEvent.change(screen.getByTestId('tariff-add-date'), { target: { value: '2027-03-01' } });
    fireEvent.change(screen.getByTestId('tariff-add-price'), { target: { value: price } });
    fireEvent.change(screen.getByTestId('tariff-add-basic-fee'), { target: { value: '30' } });
    fireEvent.change(screen.getByTestId('tariff-add-source'), { target: { value: '鄂发改价管〔2027〕5号' } });
  }

  it('新增电价版本: refuses a bad form in Chinese without sending, then confirms and posts the version', async () => {
    const addTariffPrice = vi.fn(async (body: object) => ({ ...body, createdBy: 'manager', createdAt: '2026-12-04T02:00:00Z' }));
    await openForm(addTariffPrice);
    fireEvent.click(screen.getByTestId('tariff-add-submit'));
    const form = screen.getByTestId('tariff-add-form');
    expect(form.textContent).toContain('请选择电价类别。');
    expect(form.textContent).toContain('请填写电度电价（数字）。');
    expect(form.textContent).toContain('请填写依据文件或文号（2–300 字）。');

    await fill('120');
    fireEvent.click(screen.getByTestId('tariff-add-submit'));
    expect(screen.getByTestId('tariff-add-form').textContent).toContain('电度电价须大于 0 且不超过 100 元/千瓦时。');
    expect(screen.queryByTestId('tariff-add-confirm')).toBeNull();
    expect(addTariffPrice).not.toHaveBeenCalled();

    fireEvent.change(screen.getByTestId('tariff-add-price'), { target: { value: '0.6123' } });
    fireEvent.click(screen.getByTestId('tariff-add-submit'));
    const confirm = await screen.findByTestId('tariff-add-confirm');
    expect(confirm.textContent).toContain('大工业用电（large_industrial）自 2027-03-01 起执行电度电价 0.6123 元/千瓦时');
    expect(addTariffPrice).not.toHaveBeenCalled();
    fireEvent.click(screen.getByTestId('tariff-add-confirm-button'));
    await waitFor(() => expect(addTariffPrice).toHaveBeenCalledTimes(1));
    expect(addTariffPrice).toHaveBeenCalledWith({
      province: 'HB', code: 'large_industrial', effectiveFrom: '2027-03-01', priceYuanPerKwh: 0.6123, basicFeeYuanPerKvaMonth: 30, source: '鄂发改价管〔2027〕5号',
    });
    await waitFor(() => expect(screen.queryByTestId('tariff-add-form')).toBeNull());
  });

  it('shows the API\'s 409 tariff.price-exists on the date, in Chinese', async () => {
    const errors = [{ path: 'effectiveFrom', code: 'tariff.price-exists', message: 'HB/large_industrial already has a price from 2027-03-01', params: { province: 'HB' } }];
    const problem = { title: 'Conflict', status: 409, detail: errors[0]!.message, code: 'tariff.price-exists', errors };
    const addTariffPrice = vi.fn(async () => {
      throw new HttpError(problem.detail, 409, { ...problem, problemErrors: errors, errors: toSubmissionErrors(problem) });
    });
    await openForm(addTariffPrice);
    await fill('0.6123');
    fireEvent.click(screen.getByTestId('tariff-add-submit'));
    fireEvent.click(await screen.findByTestId('tariff-add-confirm-button'));
    await waitFor(() => expect(addTariffPrice).toHaveBeenCalled());
    const date = await screen.findByText('该日起的电价已存在（电价版本不能修改）');
    // the text is the date field's helper text
    expect(date.id).toBe(screen.getByTestId('tariff-add-date').getAttribute('aria-describedby'));
    expect(screen.queryByTestId('tariff-add-failure')).toBeNull();
  });
});
