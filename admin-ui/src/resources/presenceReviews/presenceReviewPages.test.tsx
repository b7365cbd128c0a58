// @vitest-environment jsdom
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { Admin, HttpError, Resource, TestMemoryRouter, type DataProvider } from 'react-admin';
import { i18nProvider } from '../../i18n/i18nProvider';
import { fakeAuthProvider } from '../../test/renderWithAdmin';
import { liveState } from '../../test/fixtures';
import cases from '../cases';
import presenceReviews from '.';
import type { PresenceReview, PresenceReviewRecord } from './presenceModel';

afterEach(() => cleanup());

const CASE_ID = '0c5d4f7e-1111-4222-8333-944455556666';
const ROW: PresenceReviewRecord = {
  id: CASE_ID, caseNo: 'JC-2026-000042', customerAccountNo: '4210000004', customerName: '陈明', orgUnitId: 'HB.XN.XA.WQ', orgUnitName: '温泉供电所',
  inspector: 'inspector', stage: 'rectification', since: '2026-04-02T01:20:00Z', confidence: 0.0168,
  reasonCodes: ['checkin.mock-location', 'checkin.outside', 'track.jump', 'evidence.exif-time-mismatch', 'evidence.exif-missing'], reasonCount: 6,
};
const CUSTOMER = { lat: 29.8575, lon: 114.3201 };
const REVIEW: PresenceReview = {
  id: CASE_ID, caseNo: ROW.caseNo, customerAccountNo: ROW.customerAccountNo, customerName: ROW.customerName, orgUnitId: ROW.orgUnitId, orgUnitName: ROW.orgUnitName,
  stage: 'rectification', inspector: 'inspector', customer: CUSTOMER,
  review: {
    status: 'pending', since: ROW.since, confidence: ROW.confidence, justification: '村里信号差，定位漂移；照片为现场拍摄',
    decidedAt: null, decidedBy: null, note: null,
    reasons: [
      { code: 'checkin.outside', severity: 'strong', params: { distanceM: 2300, radiusM: 200 } },
      { code: 'track.jump', severity: 'strong', params: { distanceM: 5200, seconds: 10, speedKmh: 1872 } },
      { code: 'evidence.exif-time-mismatch', severity: 'strong', evidenceId: 'ev-2', params: { exifAt: '2025-03-01T00:30:00Z', declaredAt: '2026-04-02T01:15:00Z', minutes: 569325 } },
    ],
  },
  visit: 'current',
  verdict: {
    confidence: ROW.confidence!, weak: true, computedAt: ROW.since, reasons: [],
    basis: { checkIns: 1, trackPoints: 3, photos: 2, verifiedPhotos: 2 },
  },
  findings: { result: 'confirmed', problemType: 'wrong_tariff', summary: '实为餐馆', at: ROW.since, by: 'inspector' },
  rules: { geofenceRadiusM: 200, clockToleranceS: 300, minVerifiedPhotos: 2 },
  checkIns: [{
    lat: CUSTOMER.lat - 0.0207, lon: CUSTOMER.lon, accuracyM: 12, deviceTime: '2026-04-02T01:14:00Z', at: '2026-04-02T01:15:00Z', distanceM: 2300,
    insideGeofence: false, clockSkewS: -60, signals: { source: 'gps', mockLocation: true },
  }],
  evidence: [
    {
      evidenceId: 'ev-1', kind: 'photo', contentType: 'image/jpeg', by: 'inspector', status: 'confirmed', verified: true,
      declared: { capturedAt: '2026-04-02T01:16:00Z', lat: CUSTOMER.lat - 0.0207, lon: CUSTOMER.lon },
      forensics: null, reasons: [], compare: { declaredToCustomerM: 2300, exifToCustomerM: null, exifToDeclaredM: null, exifMinusDeclaredS: null },
      url: 'http://s3.test/ev-1.jpg', urlExpiresAt: '2026-04-02T01:25:00Z',
    },
    {
      evidenceId: 'ev-2', kind: 'photo', contentType: 'image/jpeg', by: 'inspector', status: 'confirmed', verified: true,
      declared: { capturedAt: '2026-04-02T01:15:00Z', lat: CUSTOMER.lat - 0.0207, lon: CUSTOMER.lon },
      forensics: { detectedType: 'image/jpeg', exif: { takenAt: '2025-03-01T00:30:00Z', lat: 30.5928, lon: 114.3055, make: 'HUAWEI', model: 'P30' } },
      reasons: [{ code: 'evidence.exif-time-mismatch', severity: 'strong', evidenceId: 'ev-2', params: { exifAt: '2025-03-01T00:30:00Z', declaredAt: '2026-04-02T01:15:00Z', minutes: 569325 } }],
      compare: { declaredToCustomerM: 2300, exifToCustomerM: 81_700, exifToDeclaredM: 79_400, exifMinusDeclaredS: -34_159_500 },
      url: 'http://s3.test/ev-2.jpg', urlExpiresAt: '2026-04-02T01:25:00Z',
    },
  ],
  track: {
    caseId: CASE_ID, toleranceM: 2,
    tracks: [{
      deviceId: 'pda-1', username: 'inspector', startedAt: '2026-04-02T01:13:00Z', endedAt: '2026-04-02T01:14:00Z', pointCount: 3, simplifiedCount: 2, lengthM: 5200,
      points: [{ lat: CUSTOMER.lat - 0.0467, lon: CUSTOMER.lon, at: '2026-04-02T01:13:00Z' }, { lat: CUSTOMER.lat - 0.0207, lon: CUSTOMER.lon, at: '2026-04-02T01:14:00Z' }],
    }],
  },
  returnedVisits: 0,
};

function openAt(path: string, dataProvider: Record<string, unknown>, roles: string[]) {
  return render(
    <TestMemoryRouter initialEntries={[path]}>
      <Admin dataProvider={dataProvider as unknown as DataProvider} authProvider={fakeAuthProvider(roles)} i18nProvider={i18nProvider} disableTelemetry>
        <Resource name="cases" {...cases} />
        <Resource name="presence-reviews" {...presenceReviews} />
      </Admin>
    </TestMemoryRouter>,
  );
}

// Whole react-admin renders take seconds on a loaded machine; the default 5 s limit is too tight.
describe('疑似虚假工单 pages', { timeout: 30_000 }, () => {
  it('the queue lists the case newest first with its reasons as short Chinese labels and its confidence', async () => {
    const getList = vi.fn(async () => ({ data: [ROW], total: 1 }));
    openAt('/presence-reviews', { getList }, ['supervisor']);
    expect(await screen.findByText('JC-2026-000042')).toBeTruthy();
    expect(getList).toHaveBeenCalledWith('presence-reviews', expect.objectContaining({ sort: { field: 'since', order: 'DESC' } }));
    const chips = screen.getByTestId('reason-chips');
    expect([...chips.querySelectorAll('[data-code]')].map((c) => c.textContent)).toEqual(['模拟定位', '签到超出范围', '轨迹跳变']);
    expect(chips.textContent).toContain('另 2 项');
    expect(screen.getByTestId('confidence').textContent).toBe('2%');
    expect(screen.getByText('温泉供电所')).toBeTruthy();
    expect(screen.getByText('疑似虚假工单', { selector: 'h6, h1, h2, span' })).toBeTruthy();
  });

  it('a row opens its review; the queue\'s row stands in (without the review) until the review arrives', async () => {
    let answer: (v: { data: PresenceReview }) => void = () => undefined;
    const getOne = vi.fn(() => new Promise<{ data: PresenceReview }>((resolve) => (answer = resolve)));
    openAt('/presence-reviews', { getList: async () => ({ data: [ROW], total: 1 }), getOne }, ['supervisor']);
    fireEvent.click(await screen.findByText('JC-2026-000042'));
    await waitFor(() => expect(getOne).toHaveBeenCalledWith('presence-reviews', expect.objectContaining({ id: CASE_ID })));
    expect(screen.queryByTestId('review-reasons')).toBeNull();
    answer({ data: REVIEW });
    expect(await screen.findByTestId('review-reasons')).toBeTruthy();
  });

  it('the review shows the reasons in words, the justification, the check-in and the photos\' metadata side by side; a photo opens full size', async () => {
    openAt(`/presence-reviews/${CASE_ID}/show`, { getOne: async () => ({ data: REVIEW }) }, ['supervisor']);
    const reasons = await screen.findByTestId('review-reasons');
    expect(within(reasons).getByText('签到位置距客户 2300 米，超出 200 米范围')).toBeTruthy();
    expect(within(reasons).getByText('轨迹跳变：10 秒内移动 5200 米（约 1872 公里/小时）')).toBeTruthy();
    // the reason about the second photo names it
    expect(within(reasons).getByText('照片 2：照片拍摄时间 2025/03/01 08:30 与申报时间 2026/04/02 09:15 相差 569325 分钟')).toBeTruthy();
    expect(screen.getByTestId('review-justification').textContent).toContain('村里信号差，定位漂移；照片为现场拍摄');
    expect(screen.getByTestId('review-status').textContent).toBe('待核实');

    // check-in with the clock offset and the terminal's mock-location signal
    expect(screen.getByTestId('check-in-skew').textContent).toBe('-60 秒');
    expect(screen.getByTestId('check-in-signals').textContent).toBe('GPS模拟定位');
    // the track on the case map, the check-in outside the fence
    expect(screen.getByTestId('case-map')).toBeTruthy();
    expect(screen.getByTestId('map-checkin').getAttribute('data-inside')).toBe('false');
    expect(screen.getByTestId('map-track').getAttribute('points')!.split(' ')).toHaveLength(2);

    const cards = screen.getAllByTestId('evidence-compare');
    expect(cards.map((c) => c.getAttribute('data-evidence-id'))).toEqual(['ev-1', 'ev-2']);
    const row = (card: HTMLElement, id: string) => card.querySelector(`[data-row="${id}"]`)!;
    const second = cards[1]!;
    expect(row(second, 'declaredAt').textContent).toBe('申报时间2026/04/02 09:15');
    expect(row(second, 'exifAt').textContent).toBe('EXIF 时间2025/03/01 08:30');
    expect(row(second, 'exifAt').getAttribute('data-flagged')).toBe('true');
    expect(row(second, 'declaredPos').textContent).toContain('29.836800, 114.320100');
    expect(row(second, 'exifPos').textContent).toBe('EXIF 位置30.592800, 114.305500');
    expect(row(second, 'toCustomer').textContent).toBe('距客户申报 2300 米 · EXIF 81700 米');
    expect(row(second, 'camera').textContent).toBe('相机HUAWEI P30');
    expect(within(second).getByTestId('exif-time-diff').textContent).toBe('EXIF 比申报早 395 天 8 小时');
    expect(within(second).getByTestId('exif-pos-diff').textContent).toBe('EXIF 与申报位置相距 79400 米');
    // the first photo was never examined (before forensics)
    expect(cards[0]!.textContent).toContain('未做证据鉴定');

    fireEvent.click(within(second).getByRole('button', { name: '查看原图：照片 2' }));
    const dialog = await screen.findByTestId('photo-dialog');
    const full = within(dialog).getByTestId('photo-full');
    expect(full.getAttribute('src')).toBe('http://s3.test/ev-2.jpg');
    expect(full.getAttribute('data-size')).toBe('fit');
    fireEvent.click(within(dialog).getByRole('button', { name: '原始大小' }));
    expect(full.getAttribute('data-size')).toBe('actual');
    fireEvent.click(within(dialog).getByRole('button', { name: '关闭' }));
    await waitFor(() => expect(screen.queryByTestId('photo-dialog')).toBeNull());
  });

  it('核实通过 asks for a note of at least 5 characters, then a confirmation, and sends the case step', async () => {
    const caseAction = vi.fn(async () => liveState({ stage: 'rectification' }));
    const getOne = vi.fn(async () => ({ data: REVIEW }));
    openAt(`/presence-reviews/${CASE_ID}/show`, { getOne, caseAction }, ['supervisor']);
    fireEvent.click(await screen.findByRole('button', { name: '核实通过' }));
    const dialog = await screen.findByTestId('review-decision-clear');
    const note = within(dialog).getByRole('textbox', { name: /核实意见/ });
    fireEvent.change(note, { target: { value: ' 已核实 ' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '下一步' }));
    expect(dialog.textContent).toContain('核实意见至少 5 个字（已填 3 个）');
    expect(caseAction).not.toHaveBeenCalled();

    fireEvent.change(note, { target: { value: '已电话核实客户，确认到场' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '下一步' }));
    expect((await within(dialog).findByTestId('review-decision-question')).textContent).toBe('确认将工单 JC-2026-000042 核实通过？');
    expect(caseAction).not.toHaveBeenCalled();
    fireEvent.click(within(dialog).getByRole('button', { name: '确认提交' }));
    await waitFor(() => expect(caseAction).toHaveBeenCalledWith(CASE_ID, 'review', { decision: 'clear', note: '已电话核实客户，确认到场' }));
    await waitFor(() => expect(screen.queryByTestId('review-decision-clear')).toBeNull());
    // the page reads the review again after the decision
    await waitFor(() => expect(getOne.mock.calls.length).toBeGreaterThan(1));
  });

  it('a refused decision shows the workflow\'s reason in Chinese with the server\'s sentence, and the dialog stays open', async () => {
    const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    onTestFinished(() => consoleError.mockRestore());
    const detail = 'No review of the field visit is pending on this case.';
    const caseAction = vi.fn(async () => {
      throw new HttpError(detail, 409, { type: 'urn:jicha:case-step:WrongStage', code: 'case-step:WrongStage', title: 'Step refused', status: 409, detail });
    });
    openAt(`/presence-reviews/${CASE_ID}/show`, { getOne: async () => ({ data: REVIEW }), caseAction }, ['manager']);
    fireEvent.click(await screen.findByRole('button', { name: '退回现场取证' }));
    const dialog = await screen.findByTestId('review-decision-return');
    expect(dialog.textContent).toContain('由原稽查员 inspector 重新到现场签到、拍照');
    fireEvent.change(within(dialog).getByRole('textbox', { name: /核实意见/ }), { target: { value: '签到位置不可信，请重新取证' } });
    fireEvent.click(within(dialog).getByRole('button', { name: '下一步' }));
    fireEvent.click(await within(dialog).findByRole('button', { name: '确认提交' }));
    const error = await within(dialog).findByTestId('review-decision-error');
    expect(within(error).getByTestId('review-decision-reason').textContent).toBe('工单当前所处环节不允许此操作（可能已由他人处理），请刷新后查看。');
    expect(error.textContent).toContain(detail);
    expect(caseAction).toHaveBeenCalledWith(CASE_ID, 'review', { decision: 'return', note: '签到位置不可信，请重新取证' });
    expect(screen.getByTestId('review-decision-return')).toBeTruthy();
  });

  it('a station lead reads the review without the decision buttons; a decided review shows its outcome', async () => {
    const decided = { ...REVIEW, review: { ...REVIEW.review, status: 'cleared' as const, decidedAt: '2026-04-02T03:00:00Z', decidedBy: 'supervisor', note: '已电话核实' } };
    openAt(`/presence-reviews/${CASE_ID}/show`, { getOne: async () => ({ data: decided }) }, ['station_lead']);
    const outcome = await screen.findByTestId('review-outcome');
    expect(outcome.textContent).toBe('已核实通过 · supervisor 于 2026/04/02 11:00核实意见：已电话核实');
    expect(screen.queryByTestId('review-decision-buttons')).toBeNull();
    expect(screen.queryByRole('button', { name: '核实通过' })).toBeNull();
  });
});
