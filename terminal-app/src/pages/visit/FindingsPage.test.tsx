// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CASE_ID, fakeOutbox, renderWithApp, taskDetail } from '../tasks/testKit';
import { PNG_MAGIC } from './signature';
import type { TaskDetail } from '../tasks/types';

vi.mock('../../outbox', async () => (await import('../tasks/testKit')).outboxModule);
const { FindingsPage } = await import('./FindingsPage');

// jsdom has no canvas: a 2D context that draws nothing and an encoder that answers PNG bytes stand in for it.
const proto = HTMLCanvasElement.prototype;
const saved = { getContext: proto.getContext, toBlob: proto.toBlob };
beforeAll(() => {
  const noop = () => undefined;
  proto.getContext = (() => ({ clearRect: noop, fillRect: noop, beginPath: noop, moveTo: noop, lineTo: noop, stroke: noop, arc: noop, fill: noop, fillText: noop })) as never;
  proto.toBlob = function toBlob(cb: BlobCallback, type?: string) {
    cb(new Blob([new Uint8Array([...PNG_MAGIC, 1, 2, 3])], { type: type ?? 'image/png' }));
  };
});
afterAll(() => {
  proto.getContext = saved.getContext;
  proto.toBlob = saved.toBlob;
});

const photo = (id: string) => ({ evidenceId: id, kind: 'photo' as const, sizeBytes: 1000, capturedAt: '2026-03-10T02:00:00Z', by: 'inspector', status: 'confirmed' as const });
const inside = { lat: 29.84, lon: 114.32, accuracyM: 6, deviceTime: '2026-03-10T02:00:00.000Z', at: '2026-03-10T02:00:01Z', distanceM: 8, insideGeofence: true };
const accepted = (p: Partial<TaskDetail> = {}) => taskDetail({ assignment: 'accepted', ...p });
const api = (d: TaskDetail) => (path: string) => {
  if (path === '/mobile/v1/tasks/{id}') return d;
  throw new Error(path);
};

function sign() {
  const pad = screen.getByTestId('signature-pad');
  fireEvent.pointerDown(pad, { pointerId: 1, clientX: 10, clientY: 10 });
  for (let i = 1; i <= 8; i += 1) fireEvent.pointerMove(pad, { pointerId: 1, clientX: 10 + i * 15, clientY: i % 2 ? 60 : 10 });
  fireEvent.pointerUp(pad, { pointerId: 1 });
}

function fill() {
  fireEvent.click(screen.getByTestId('findings-result-confirmed'));
  fireEvent.click(screen.getByTestId('findings-problem-wrong_tariff'));
  fireEvent.click(screen.getByTestId('check-tariff-fail'));
  fireEvent.change(screen.getByTestId('check-tariff-note'), { target: { value: '实为餐馆' } });
  fireEvent.click(screen.getByTestId('check-meter-pass'));
  fireEvent.change(screen.getByTestId('findings-summary'), { target: { value: '现场为餐馆，用电性质与档案不符' } });
}

beforeEach(() => {
  localStorage.clear();
  fakeOutbox.reset();
  window.location.hash = '';
});
afterEach(cleanup);

describe('findings page', () => {
  it('lists what is missing in words and queues nothing', async () => {
    renderWithApp(<FindingsPage id={CASE_ID} />, api(accepted({ evidence: [photo('a'), photo('b')], checkIns: [inside] })));
    fireEvent.click(await screen.findByTestId('findings-submit'));
    const errors = screen.getByTestId('findings-errors');
    expect(errors.textContent).toContain('核查结论：请选择核查结论');
    expect(errors.textContent).toContain('必查项目：还有 2 项必查项目未填写');
    expect(errors.textContent).toContain('客户签字：请客户在工作单上签字，或勾选“客户拒绝签字”');
    expect(errors.textContent).not.toContain('情况说明');
    expect(fakeOutbox.steps).toEqual([]);
    expect(fakeOutbox.evidence).toEqual([]);
  });

  it('queues the signature as a PNG before the findings, and returns to the task', async () => {
    renderWithApp(<FindingsPage id={CASE_ID} />, api(accepted({ evidence: [photo('a'), photo('b')], checkIns: [inside] })));
    expect((await screen.findByTestId('findings-evidence')).getAttribute('data-state')).toBe('complete');
    fill();
    sign();
    fireEvent.click(screen.getByTestId('findings-submit'));
    await waitFor(() => expect(fakeOutbox.steps).toHaveLength(1));
    expect(fakeOutbox.evidence).toHaveLength(1);
    const sig = fakeOutbox.evidence[0]!.input;
    expect(sig.kind).toBe('signature');
    expect(sig.contentType).toBe('image/png');
    expect(sig.blob.type).toBe('image/png');
    const order = fakeOutbox.all().map((i) => i.type === 'step' ? i.action : i.evidenceKind);
    expect(order).toEqual(['signature', 'findings']);
    expect(fakeOutbox.steps[0]!.payload).toEqual({
      result: 'confirmed',
      problemType: 'wrong_tariff',
      checklist: [{ code: 'tariff', passed: false, note: '实为餐馆' }, { code: 'meter', passed: true }],
      summary: '现场为餐馆，用电性质与档案不符',
    });
    await waitFor(() => expect(window.location.hash).toBe(`#/tasks/${CASE_ID}`));
  });

  it('requires a justification when evidence falls short, as the workflow does', async () => {
    renderWithApp(<FindingsPage id={CASE_ID} />, api(accepted({ evidence: [photo('a')], checkIns: [{ ...inside, distanceM: 640, insideGeofence: false }] })));
    const ev = await screen.findByTestId('findings-evidence');
    expect(ev.getAttribute('data-state')).toBe('short');
    expect(ev.textContent).toContain('已核验照片 1 张，至少需要 2 张');
    expect(ev.textContent).toContain('签到位置距客户 640 米，超出 200 米范围');
    expect(screen.getByTestId('findings-justification').getAttribute('data-required')).toBe('yes');
    fill();
    fireEvent.click(screen.getByTestId('findings-signature-refused'));
    fireEvent.click(screen.getByTestId('findings-submit'));
    expect(screen.getByTestId('findings-error-justification').textContent).toBe('证据不足，须填写情况说明（至少 5 个字）');
    expect(fakeOutbox.steps).toEqual([]);
    fireEvent.change(screen.getByTestId('findings-justification'), { target: { value: '客户不让进门拍照，已在门口拍摄' } });
    fireEvent.click(screen.getByTestId('findings-submit'));
    await waitFor(() => expect(fakeOutbox.steps).toHaveLength(1));
    // Refused to sign: no signature queued, and the summary says so.
    expect(fakeOutbox.evidence).toEqual([]);
    const body = fakeOutbox.steps[0]!.payload as { justification: string; summary: string };
    expect(body.justification).toBe('客户不让进门拍照，已在门口拍摄');
    expect(body.summary).toContain('客户拒绝在用电检查工作单上签字');
  });

  it('weak proof of presence: the server\'s reasons in words, the form refilled, a justification asked for, submitted again', async () => {
    renderWithApp(<FindingsPage id={CASE_ID} />, api(accepted({ evidence: [photo('a'), photo('b')], checkIns: [inside] })));
    expect((await screen.findByTestId('findings-evidence')).getAttribute('data-state')).toBe('complete');
    fill();
    sign();
    // online: the server refuses at once, for the reasons of the visit
    fakeOutbox.onStep = (item) => (item.action === 'findings' ? {
      status: 'conflict',
      problem: {
        message: '现场真实性存疑，核查结论未受理', code: 'case-step:PresenceWeak', status: 422,
        reasons: [
          { code: 'track.none', message: 'no GPS track of the way to the site' },
          { code: 'evidence.exif-time-mismatch', params: { exifAt: '2025-03-10T01:00:00Z', declaredAt: '2026-03-10T02:00:00Z', minutes: 525660 } },
          { code: 'checkin.outside', message: 'the check-in is 880 m from the customer, beyond 200 m' },
        ],
      },
    } : undefined);
    fireEvent.click(screen.getByTestId('findings-submit'));
    const box = await screen.findByTestId('findings-presence');
    expect(window.location.hash).not.toBe(`#/tasks/${CASE_ID}`); // stays, while the inspector is still on site
    const reasons = within(box).getAllByRole('listitem').map((li) => li.textContent);
    expect(reasons).toEqual([
      '没有到达现场的 GPS 轨迹', // the app's own words, no figures needed
      '照片拍摄时间 2025-03-10 09:00 与申报时间 2026-03-10 10:00 相差 525660 分钟', // with the figures, times in China time
      'the check-in is 880 m from the customer, beyond 200 m', // no figures sent: the server's sentence
    ]);
    expect(box.textContent).toContain('待督查复核');
    expect(screen.getByTestId('findings-justification').getAttribute('data-required')).toBe('yes');

    // the second submission: a justification needed, the signature not again
    fakeOutbox.onStep = (item) => (item.action === 'findings' ? { status: 'done', result: { caseId: CASE_ID, stage: 'field_evidence', needsSupervisorReview: true } } : undefined);
    fireEvent.click(screen.getByTestId('findings-submit'));
    expect(screen.getByTestId('findings-error-justification').textContent).toBe('现场真实性存疑，须填写情况说明（至少 5 个字）');
    fireEvent.change(screen.getByTestId('findings-justification'), { target: { value: '地下室无 GPS 信号，签到在楼外' } });
    fireEvent.click(screen.getByTestId('findings-submit'));
    await waitFor(() => expect(window.location.hash).toBe(`#/tasks/${CASE_ID}`));
    expect(fakeOutbox.steps).toHaveLength(2);
    expect(fakeOutbox.steps[1]!.payload).toMatchObject({ result: 'confirmed', problemType: 'wrong_tariff', justification: '地下室无 GPS 信号，签到在楼外' });
    expect(fakeOutbox.evidence.filter((e) => e.input.kind === 'signature')).toHaveLength(1);
    // the refused findings made way for the new ones
    expect(fakeOutbox.all().filter((i) => i.action === 'findings').map((i) => i.status)).toEqual(['done']);
  });

  it('after a restart, refused findings fill the form again', async () => {
    fakeOutbox.set([{
      id: 'f1', key: 'f1', seq: 1, caseId: CASE_ID, type: 'step', action: 'findings', status: 'conflict', attempts: 1, createdAt: '2026-03-10T02:00:00Z',
      payload: { result: 'not_confirmed', checklist: [{ code: 'tariff', passed: true }, { code: 'meter', passed: false, note: '封印缺失' }], summary: '现场未发现用电性质问题\n（客户拒绝在用电检查工作单上签字）' },
      problem: { message: 'x', code: 'case-step:PresenceWeak', reasons: [{ code: 'checkin.none' }] },
    }]);
    renderWithApp(<FindingsPage id={CASE_ID} />, api(accepted()));
    expect((await screen.findByTestId('findings-presence')).textContent).toContain('没有现场签到');
    await waitFor(() => expect((screen.getByTestId('findings-summary') as HTMLTextAreaElement).value).toBe('现场未发现用电性质问题'));
    expect(screen.getByTestId('findings-result-not_confirmed').getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByTestId('check-meter-note') as HTMLInputElement).value).toBe('封印缺失');
    expect((screen.getByTestId('findings-signature-refused') as HTMLInputElement).checked).toBe(true);
  });

  it('keeps the draft on the device across a restart', async () => {
    const first = renderWithApp(<FindingsPage id={CASE_ID} />, api(accepted()));
    fireEvent.click(await screen.findByTestId('findings-result-not_confirmed'));
    fireEvent.change(screen.getByTestId('findings-summary'), { target: { value: '现场未发现异常' } });
    first.unmount();
    renderWithApp(<FindingsPage id={CASE_ID} />, api(accepted()));
    expect((await screen.findByTestId('findings-result-not_confirmed')).getAttribute('aria-pressed')).toBe('true');
    expect((screen.getByTestId('findings-summary') as HTMLTextAreaElement).value).toBe('现场未发现异常');
  });

  it('is closed until the task is accepted', async () => {
    renderWithApp(<FindingsPage id={CASE_ID} />, api(taskDetail()));
    within(await screen.findByTestId('findings-closed')).getByText('请先在任务页接受任务，才能签到和取证。');
    expect((screen.getByTestId('findings-submit') as HTMLButtonElement).disabled).toBe(true);
  });
});
