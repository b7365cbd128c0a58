// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { AdminContext, HttpError, memoryStore, type DataProvider } from 'react-admin';
import { i18nProvider } from '../../i18n/i18nProvider';
import { canAccess } from '../../auth/permissions';
import { fakeAuthProvider } from '../../test/renderWithAdmin';
import { toSubmissionErrors } from '../../data/problemDetails';
import { MustCheckItemsPage } from './MustCheckItemsPage';
import { moveItem, serverErrorsOnRows, toItemsBody, validateItems, type MustCheckConfig } from './mustCheckModel';

const THEFT: MustCheckConfig = {
  problemType: 'theft',
  items: [
    { code: 'METER_SEAL', textZh: '表计封印', textEn: 'Meter seals' },
    { code: 'WIRING', textZh: '接线', textEn: 'Wiring' },
    { code: 'METERING_DEVICE', textZh: '计量装置', textEn: 'Metering device' },
  ],
  updatedBy: 'migration-058',
  updatedAt: '2026-11-30T00:00:00Z',
};

describe('must-check model', () => {
  it('checks the rows as the API does', () => {
    const codes = (items: Parameters<typeof validateItems>[0]) => validateItems(items).map((e) => `${e.row}:${e.field}:${e.code}`);
    expect(codes(THEFT.items)).toEqual([]);
    expect(codes([])).toEqual(['null:null:must-check.too-few']);
    expect(codes(Array.from({ length: 21 }, (_, i) => ({ code: `C${i}X`, textZh: '检查', textEn: 'Check' })))).toEqual(['null:null:must-check.too-many']);
    expect(codes([{ code: 'meter_seal', textZh: '表', textEn: 'Meter seals' }])).toEqual(['0:code:must-check.code-format', '0:textZh:must-check.text-length']);
    expect(codes([{ code: 'A', textZh: '表计封印', textEn: 'x'.repeat(201) }])).toEqual(['0:code:must-check.code-format', '0:textEn:must-check.text-length']);
    expect(codes([...THEFT.items, { code: ' WIRING ', textZh: '接线检查', textEn: 'Wiring check' }])).toEqual(['3:code:must-check.code-duplicate']);
    expect(validateItems([...THEFT.items, { ...THEFT.items[1]! }])[0]!.params).toEqual({ code: 'WIRING', row: 2 });
    expect(toItemsBody([{ code: ' WIRING ', textZh: ' 接线 ', textEn: 'Wiring ' }])).toEqual([{ code: 'WIRING', textZh: '接线', textEn: 'Wiring' }]);
  });

  it('moves a row up or down, not past either end', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('puts the API\'s field errors on the rows and fields they name', () => {
    expect(serverErrorsOnRows([
      { path: 'items.1.code', message: 'upper-case letters, digits and underscores; 2–50' },
      { path: 'items.0.textEn', message: 'Too small' },
      { path: 'items', message: 'each code once' },
    ]).map((e) => [e.row, e.field, e.params?.message])).toEqual([
      [1, 'code', 'upper-case letters, digits and underscores; 2–50'],
      [0, 'textEn', 'Too small'],
      [null, null, 'each code once'],
    ]);
  });
});

function renderAs(roles: string[], putMustCheckItems = vi.fn()) {
  const getMustCheckItems = vi.fn(async () => [THEFT]);
  // the app's access policy decides the buttons, as authProvider.canAccess does
  const access = vi.fn(async ({ resource, action }: { resource: string; action: string }) => canAccess(roles, resource, action));
  const authProvider = { ...fakeAuthProvider(roles), canAccess: access };
  render(
    <AdminContext i18nProvider={i18nProvider} dataProvider={{ getMustCheckItems, putMustCheckItems } as Partial<DataProvider> as DataProvider} authProvider={authProvider} store={memoryStore()}>
      <MustCheckItemsPage />
    </AdminContext>,
  );
  return { getMustCheckItems, putMustCheckItems, access };
}

const card = (type: string) => document.querySelector<HTMLElement>(`[data-testid="must-check-type"][data-problem-type="${type}"]`)!;
const rows = () => screen.getAllByTestId('must-check-row');
const input = (row: number, field: string) => within(rows()[row]!).getByTestId(`must-check-${field}`) as HTMLInputElement;
const rowErrors = (row: number) => within(rows()[row]!).queryByTestId('row-errors')?.textContent ?? '';

async function startEditing(put = vi.fn()) {
  const calls = renderAs(['manager'], put);
  const theft = await waitFor(() => {
    expect(card('theft')).toBeTruthy();
    return card('theft');
  });
  const edit = await within(theft).findByTestId('must-check-edit');
  fireEvent.click(edit);
  await screen.findByTestId('must-check-editor');
  return calls;
}

describe('<MustCheckItemsPage>', { timeout: 20_000 }, () => {
  it('lists the items per problem type with the Chinese names; a type without items says so; an inspector edits nothing', async () => {
    const { access } = renderAs(['inspector']);
    await waitFor(() => expect(screen.getAllByTestId('must-check-item')).toHaveLength(3));
    expect(within(card('theft')).getByRole('heading').textContent).toBe('窃电');
    expect(within(card('theft')).getAllByTestId('must-check-item').map((li) => li.getAttribute('data-code'))).toEqual(['METER_SEAL', 'WIRING', 'METERING_DEVICE']);
    expect(within(card('theft')).getAllByTestId('must-check-item')[0]!.textContent).toContain('表计封印');
    expect(within(card('wrong_tariff')).getByRole('heading').textContent).toBe('电价错误 / 改类');
    expect(within(card('wrong_tariff')).getByTestId('must-check-none')).toBeTruthy();
    expect(document.querySelectorAll('[data-testid="must-check-type"]')).toHaveLength(6);
    // the access check has been asked and has answered (false) before the absence of the button means anything
    await waitFor(() => expect(access).toHaveBeenCalledWith(expect.objectContaining({ resource: 'must-check-items', action: 'edit' })));
    await act(async () => {});
    expect(screen.queryByTestId('must-check-edit')).toBeNull();
  });

  it('the editor: checks in Chinese and sends nothing; moves, removes, adds rows; PUTs them in the order shown', async () => {
    const put = vi.fn(async (problemType: string, items: unknown[]) => ({ ...THEFT, problemType, items }));
    await startEditing(put);
    expect(rows()).toHaveLength(3);

    // a new row with a lower-case code (upper-cased as typed) and a one-character text, a duplicate code
    fireEvent.click(screen.getByTestId('must-check-add'));
    fireEvent.change(input(3, 'code'), { target: { value: 'wiring' } });
    expect(input(3, 'code').value).toBe('WIRING');
    fireEvent.change(input(3, 'textZh'), { target: { value: '设' } });
    fireEvent.change(input(3, 'textEn'), { target: { value: 'Equipment on site' } });
    fireEvent.click(screen.getByTestId('must-check-save'));
    expect(rowErrors(3)).toContain('代码 WIRING 与第 2 项重复，每个代码只能出现一次。');
    expect(rowErrors(3)).toContain('内容须为 2–200 个字。');
    expect(rowErrors(0)).toBe('');
    expect(screen.getByTestId('must-check-failure').textContent).toBe('请按提示修改后再保存。');
    expect(put).not.toHaveBeenCalled();

    fireEvent.change(input(3, 'code'), { target: { value: 'ON_SITE_EQUIPMENT' } });
    fireEvent.change(input(3, 'textZh'), { target: { value: '现场用电设备' } });
    expect(rowErrors(3)).toBe('');
    // the new row up one place, 接线 removed
    fireEvent.click(within(rows()[3]!).getByTestId('must-check-up'));
    fireEvent.click(within(rows()[1]!).getByTestId('must-check-remove'));
    expect(rows().map((_, i) => input(i, 'code').value)).toEqual(['METER_SEAL', 'ON_SITE_EQUIPMENT', 'METERING_DEVICE']);
    expect((within(rows()[0]!).getByTestId('must-check-up') as HTMLButtonElement).disabled).toBe(true);
    expect((within(rows()[2]!).getByTestId('must-check-down') as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByTestId('must-check-save'));
    await waitFor(() => expect(put).toHaveBeenCalledTimes(1));
    expect(put).toHaveBeenCalledWith('theft', [
      { code: 'METER_SEAL', textZh: '表计封印', textEn: 'Meter seals' },
      { code: 'ON_SITE_EQUIPMENT', textZh: '现场用电设备', textEn: 'Equipment on site' },
      { code: 'METERING_DEVICE', textZh: '计量装置', textEn: 'Metering device' },
    ]);
    await waitFor(() => expect(screen.queryByTestId('must-check-editor')).toBeNull());
  });

  it('shows the API\'s 422 field errors on the rows they name', async () => {
    const errors = [{ path: 'items.2.textEn', message: 'String must contain at most 200 character(s)' }];
    const problem = { title: 'Invalid request', status: 422, detail: 'The request body is not valid.', errors };
    const put = vi.fn(async () => {
      throw new HttpError(problem.detail, 422, { ...problem, problemErrors: errors, errors: toSubmissionErrors(problem) });
    });
    await startEditing(put);
    fireEvent.click(screen.getByTestId('must-check-save'));
    await waitFor(() => expect(put).toHaveBeenCalled());
    await waitFor(() => expect(rowErrors(2)).toBe('服务器拒绝了此项：String must contain at most 200 character(s)'));
    expect(within(rows()[2]!).getByTestId('row-errors').querySelector('[data-field]')!.getAttribute('data-field')).toBe('textEn');
    expect(rowErrors(0)).toBe('');
    expect(screen.getByTestId('must-check-failure').textContent).toBe('请按提示修改后再保存。');
    expect(screen.getByTestId('must-check-editor')).toBeTruthy();
  });
});
