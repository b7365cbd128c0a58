// @vitest-environment jsdom
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithAdmin } from '../../test/renderWithAdmin';
import { fakeApi } from '../../test/fakeApi';
import { matchesUnit, orderTree, unitLabel, type OrgUnit } from './orgTree';
import { OrgUnitPicker } from './OrgUnitPicker';

// As GET /api/org-units answers a manager of 咸宁 (HB.XN), deliberately out of order.
const UNITS: OrgUnit[] = [
  { id: 'HB.XN.XA.WQ', parentId: 'HB.XN.XA', level: 'station', nameZh: '温泉供电所', nameEn: 'Wenquan Station' },
  { id: 'HB.XN', parentId: 'HB', level: 'city', nameZh: '国网咸宁供电公司', nameEn: 'Xianning Power Supply Co.' },
  { id: 'HB.XN.JY', parentId: 'HB.XN', level: 'county', nameZh: '嘉鱼县供电公司', nameEn: 'Jiayu County' },
  { id: 'HB.XN.XA', parentId: 'HB.XN', level: 'county', nameZh: '咸安区供电公司', nameEn: "Xian'an District" },
  { id: 'HB.XN.JY.YY', parentId: 'HB.XN.JY', level: 'station', nameZh: '鱼岳供电所', nameEn: 'Yuyue Station' },
];

describe('org tree model', () => {
  it('orders parents before their children, depth-first by code, the caller\'s unit as root', () => {
    const tree = orderTree(UNITS);
    expect(tree.map((u) => `${'  '.repeat(u.depth)}${u.id}`)).toEqual(['HB.XN', '  HB.XN.JY', '    HB.XN.JY.YY', '  HB.XN.XA', '    HB.XN.XA.WQ']);
    expect(tree.find((u) => u.id === 'HB.XN.XA.WQ')!.ancestors.map((a) => a.nameZh)).toEqual(['国网咸宁供电公司', '咸安区供电公司']);
  });

  it('matches names in either language and codes, case-insensitively, every word', () => {
    const xa = UNITS[3]!;
    expect(matchesUnit(xa, '咸安')).toBe(true);
    expect(matchesUnit(xa, 'hb.xn.xa')).toBe(true);
    expect(matchesUnit(xa, "xian'an")).toBe(true);
    expect(matchesUnit(xa, '咸安 XA')).toBe(true);
    expect(matchesUnit(xa, '嘉鱼')).toBe(false);
    expect(unitLabel(xa, 'zh-CN')).toBe('咸安区供电公司 (HB.XN.XA)');
  });
});

function setup(multiple: boolean, initial: string | string[] | null = multiple ? [] : null) {
  const { callApi, requests } = fakeApi({ 'GET /api/org-units': UNITS });
  const changes: unknown[] = [];
  function Harness() {
    const [value, setValue] = useState<string | string[] | null>(initial);
    const onChange = (v: string | string[] | null) => (changes.push(v), setValue(v));
    return multiple ? (
      <OrgUnitPicker label="稽查范围" multiple value={value as string[]} onChange={onChange} />
    ) : (
      <OrgUnitPicker label="单位" value={value as string | null} onChange={onChange} />
    );
  }
  renderWithAdmin(<Harness />, { roles: ['manager'], dataProvider: { callApi } as never });
  return { changes, requests, combo: () => screen.getByRole('combobox') };
}

const optionNames = () => screen.getAllByRole('option').map((o) => o.textContent);

describe('<OrgUnitPicker>', { timeout: 30_000 }, () => {
  it('lists the hierarchy by name with codes and levels, asking the API for units down to the station', async () => {
    const { combo, requests } = setup(false);
    fireEvent.mouseDown(combo());
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(5));
    expect(optionNames()).toEqual([
      '国网咸宁供电公司 (HB.XN) · 市公司',
      '嘉鱼县供电公司 (HB.XN.JY) · 县公司',
      '鱼岳供电所 (HB.XN.JY.YY) · 供电所',
      '咸安区供电公司 (HB.XN.XA) · 县公司',
      '温泉供电所 (HB.XN.XA.WQ) · 供电所',
    ]);
    expect(new URL(requests[0]!.url).searchParams.get('levels')).toBe('province,city,county,station');
  });

  it('finds a unit by its name and by its code; a match shows where it sits', async () => {
    const { combo } = setup(false);
    combo().focus();
    fireEvent.change(combo(), { target: { value: '温泉' } });
    await waitFor(() => expect(optionNames()).toEqual(['温泉供电所 (HB.XN.XA.WQ) · 供电所国网咸宁供电公司 › 咸安区供电公司']));
    fireEvent.change(combo(), { target: { value: 'hb.xn.jy' } });
    await waitFor(() => expect(screen.getAllByRole('option').map((o) => within(o).getAllByText(/\(HB/)[0]!.textContent)).toEqual(['(HB.XN.JY) · 县公司', '(HB.XN.JY.YY) · 供电所']));
    fireEvent.change(combo(), { target: { value: '不存在' } });
    expect(await screen.findByText('没有匹配的单位')).toBeTruthy();
  });

  it('is driven by the keyboard: type, arrow down, Enter chooses the unit and keeps its code', async () => {
    const { combo, changes } = setup(false);
    combo().focus();
    fireEvent.change(combo(), { target: { value: '咸安' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    fireEvent.keyDown(combo(), { key: 'ArrowDown' });
    fireEvent.keyDown(combo(), { key: 'Enter' });
    expect(changes).toEqual(['HB.XN.XA']);
    expect((combo() as HTMLInputElement).value).toBe('咸安区供电公司 (HB.XN.XA)');
  });

  it('selects several units as chips, removes the last with Backspace, and shows a code it does not know as the code', async () => {
    const { combo, changes } = setup(true, ['HB.XN.XA.WQ', 'HB.ZZ']);
    await waitFor(() => expect(screen.getByText('温泉供电所 (HB.XN.XA.WQ)')).toBeTruthy());
    expect(screen.getByText('HB.ZZ (HB.ZZ)')).toBeTruthy();
    combo().focus();
    fireEvent.change(combo(), { target: { value: '鱼岳' } });
    await waitFor(() => expect(screen.getAllByRole('option')).toHaveLength(1));
    fireEvent.keyDown(combo(), { key: 'ArrowDown' });
    fireEvent.keyDown(combo(), { key: 'Enter' });
    expect(changes.at(-1)).toEqual(['HB.XN.XA.WQ', 'HB.ZZ', 'HB.XN.JY.YY']);
    fireEvent.change(combo(), { target: { value: '' } });
    fireEvent.keyDown(combo(), { key: 'Backspace' });
    expect(changes.at(-1)).toEqual(['HB.XN.XA.WQ', 'HB.ZZ']);
    // a chosen unit is not offered again; the others are
    fireEvent.keyDown(combo(), { key: 'ArrowDown' });
    await waitFor(() => expect(optionNames()).toHaveLength(4));
    expect(optionNames().some((n) => n?.startsWith('温泉供电所'))).toBe(false);
  });

  it('says so when the tree cannot be read', async () => {
    const { callApi } = fakeApi({});
    renderWithAdmin(<OrgUnitPicker label="单位" value={null} onChange={vi.fn()} />, { roles: ['manager'], dataProvider: { callApi } as never });
    expect(await screen.findByText(/单位列表读取失败/, undefined, { timeout: 5_000 })).toBeTruthy();
  });
});
