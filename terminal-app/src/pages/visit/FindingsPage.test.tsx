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
