// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { CASE_ID, fakeOutbox, renderWithApp, taskDetail } from '../tasks/testKit';
import { exifOf, factsOf } from './exif';
import { JFIF } from './testJpeg';
import type { ConfirmAnswer } from './presence';

vi.mock('../../outbox', async () => (await import('../tasks/testKit')).outboxModule);
const { VisitPage } = await import('./VisitPage');

let fix = { latitude: 29.84005, longitude: 114.32003, accuracy: 9 };
const geo = {
  getCurrentPosition: (ok: PositionCallback) => ok({ coords: { ...fix }, timestamp: Date.now() } as unknown as GeolocationPosition),
};

beforeEach(() => {
  localStorage.clear();
  fakeOutbox.reset();
  fix = { latitude: 29.84005, longitude: 114.32003, accuracy: 9 };
  Object.defineProperty(navigator, 'geolocation', { value: geo, configurable: true });
});
afterEach(cleanup);

const accepted = () => taskDetail({ assignment: 'accepted' });

describe('visit page', () => {
  it('shows the fix\'s accuracy before the check-in is sent, then the server\'s answer when it comes back', async () => {
    renderWithApp(<VisitPage id={CASE_ID} />, () => accepted());
    fireEvent.click(await screen.findByTestId('checkin-locate'));
    expect((await screen.findByTestId('checkin-accuracy')).textContent).toBe('精度 ±9 米');
    expect(screen.getByTestId('checkin-fix').getAttribute('data-level')).toBe('good');
    expect(fakeOutbox.steps).toEqual([]);
    fireEvent.click(screen.getByTestId('checkin-submit'));
    await waitFor(() => expect(fakeOutbox.steps).toHaveLength(1));
    const { action, payload } = fakeOutbox.steps[0]!;
    expect(action).toBe('check-in');
    expect(payload).toMatchObject({ lat: 29.84005, lon: 114.32003, accuracyM: 9 });
    expect(typeof (payload as { deviceTime: string }).deviceTime).toBe('string');
    const row = await screen.findByTestId('checkin-result');
    expect(row.textContent).toContain('已保存，待同步');
    const id = fakeOutbox.all()[0]!.id;
    act(() => fakeOutbox.update(id, { status: 'done', result: { lat: 29.84005, lon: 114.32003, accuracyM: 9, deviceTime: 'x', at: 'y', distanceM: 7, insideGeofence: true } }));
    await waitFor(() => expect(screen.getByTestId('checkin-result').getAttribute('data-inside')).toBe('true'));
    expect(screen.getByTestId('checkin-result').textContent).toContain('距客户 7 米');
  });

  it('warns when the fix is poor', async () => {
    fix = { ...fix, accuracy: 180 };
    renderWithApp(<VisitPage id={CASE_ID} />, () => accepted());
    fireEvent.click(await screen.findByTestId('checkin-locate'));
    const box = await screen.findByTestId('checkin-fix');
    expect(box.getAttribute('data-level')).toBe('poor');
    expect(box.textContent).toContain('定位精度较差');
  });

  it('falls back to the system camera without getUserMedia, and queues the photo with its position', async () => {
    renderWithApp(<VisitPage id={CASE_ID} />, () => accepted());
    fireEvent.click(await screen.findByTestId('capture-photo'));
    const cam = screen.getByTestId('camera');
    await within(cam).findByTestId('camera-fallback');
    const file = new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], 'p.jpg', { type: 'image/jpeg', lastModified: Date.now() });
    fireEvent.change(within(cam).getByTestId('camera-file'), { target: { files: [file] } });
    await waitFor(() => expect(fakeOutbox.evidence).toHaveLength(1));
    expect(fakeOutbox.evidence[0]!.input).toMatchObject({ kind: 'photo', contentType: 'image/jpeg', lat: 29.84005, lon: 114.32003, accuracyM: 9 });
    fireEvent.click(within(cam).getByTestId('camera-close'));
    const item = await screen.findByTestId('capture-item');
    expect(item.getAttribute('data-kind')).toBe('photo');
    expect(item.textContent).toContain('待同步');
  });

  it('a photo fresh from the system camera is queued with EXIF saying what its upload declares', async () => {
    renderWithApp(<VisitPage id={CASE_ID} />, () => accepted());
    fireEvent.click(await screen.findByTestId('capture-photo'));
    const cam = screen.getByTestId('camera');
    await within(cam).findByTestId('camera-fallback');
    const file = new File([JFIF], 'IMG_0001.jpg', { type: 'image/jpeg', lastModified: Date.now() - 5_000 });
    fireEvent.change(within(cam).getByTestId('camera-file'), { target: { files: [file] } });
    await waitFor(() => expect(fakeOutbox.evidence).toHaveLength(1));
    const input = fakeOutbox.evidence[0]!.input;
    const facts = factsOf(exifOf(new Uint8Array(await input.blob.arrayBuffer())));
    expect(facts.capturedAt).toBe(input.capturedAt);
    expect(input.capturedAt).toBe(new Date(file.lastModified).toISOString());
    expect(facts.lat).toBeCloseTo(input.lat!, 7);
    expect(facts.lon).toBeCloseTo(input.lon!, 7);
    expect(facts.accuracyM).toBe(9);
  });

  it('shows what the server doubts about an uploaded photo under its thumbnail (the forensics of its confirm answer)', async () => {
    const evidenceId = '00000000-0000-4000-8000-000000000001';
    const flagged = {
      evidenceId, kind: 'photo', contentType: 'image/jpeg', sizeBytes: 1000, sha256: 'a'.repeat(64), capturedAt: '2026-03-10T02:00:00Z', lat: 30, lon: 114,
      by: 'inspector', status: 'confirmed', confirmedAt: '2026-03-10T02:00:05Z', url: null, urlExpiresAt: null, integrity: null,
      forensics: {
        detectedType: 'image/jpeg', exif: null,
        reasons: [{ code: 'evidence.reused', severity: 'strong', params: { otherCaseNo: 'JC-2026-000007' } }, { code: 'evidence.exif-missing', severity: 'minor', params: {} }],
      },
    } satisfies ConfirmAnswer['evidence'];
    const clean = { ...flagged, evidenceId: 'clean', forensics: { detectedType: 'image/jpeg', exif: null, reasons: [] } } satisfies ConfirmAnswer['evidence'];
    fakeOutbox.set([
      { id: 'p1', key: 'p1', seq: 1, caseId: CASE_ID, type: 'evidence', evidenceKind: 'photo', status: 'done', attempts: 1, createdAt: '2026-03-10T02:00:00Z', result: { evidence: flagged, state: null } },
      { id: 'p2', key: 'p2', seq: 2, caseId: CASE_ID, type: 'evidence', evidenceKind: 'photo', status: 'done', attempts: 1, createdAt: '2026-03-10T02:01:00Z', result: { evidence: clean, state: null } },
    ]);
    renderWithApp(<VisitPage id={CASE_ID} />, () => taskDetail({ assignment: 'accepted' }));
    const items = await screen.findAllByTestId('capture-item');
    const doubted = items.find((i) => i.getAttribute('data-flagged') === 'yes')!;
    expect(within(doubted).getByTestId('capture-doubts').textContent).toContain('照片与工单 JC-2026-000007 的照片完全相同');
    expect(within(doubted).getByTestId('capture-doubts').textContent).toContain('照片没有拍摄信息');
    expect(doubted.textContent).toContain('存疑');
    expect(items.filter((i) => i.getAttribute('data-flagged') === 'yes')).toHaveLength(1);
  });

  it('offers the recorder\'s file fallback when MediaRecorder is missing, refusing a type the API does not take', async () => {
    renderWithApp(<VisitPage id={CASE_ID} />, () => accepted());
    fireEvent.click(await screen.findByTestId('capture-audio'));
    const rec = screen.getByTestId('recorder-audio');
    await within(rec).findByTestId('recorder-fallback');
    fireEvent.change(within(rec).getByTestId('recorder-file'), { target: { files: [new File([new Uint8Array([1])], 'a.flac', { type: 'audio/flac' })] } });
    within(rec).getByText('不支持的文件类型（audio/flac），请改用照片、录音或视频');
    fireEvent.change(within(rec).getByTestId('recorder-file'), { target: { files: [new File([new Uint8Array([1, 2])], 'a.m4a', { type: 'audio/mp4' })] } });
    await waitFor(() => expect(fakeOutbox.evidence).toHaveLength(1));
    expect(fakeOutbox.evidence[0]!.input).toMatchObject({ kind: 'audio', contentType: 'audio/mp4' });
  });

  it('keeps check-in and capture closed until the task is accepted', async () => {
    renderWithApp(<VisitPage id={CASE_ID} />, () => taskDetail());
    await screen.findByTestId('visit-not-open');
    expect((screen.getByTestId('checkin-locate') as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByTestId('capture-photo') as HTMLButtonElement).disabled).toBe(true);
  });
});
