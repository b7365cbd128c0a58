// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { evidence } from '../../../test/fixtures';
import { EvidenceGallery } from './EvidenceGallery';
import type { EvidenceItem } from './evidenceSources';

const customer = { lat: 29.8413, lon: 114.3223 };
const url = (id: string, n = 1) => `http://127.0.0.1:8333/jicha-evidence/${id}?X-Amz-Signature=${n}`;
const photo = (over: Partial<EvidenceItem> = {}): EvidenceItem => evidence({
  url: url('ev-1'), downloadUrl: `${url('ev-1')}&response-content-disposition=attachment`, contentType: 'image/jpeg',
  forensics: { detectedType: 'image/jpeg', reasons: [], exif: { takenAt: '2026-04-02T01:14:30Z', lat: 29.8415, lon: 114.3225, make: 'HUAWEI', model: 'P60' } },
  ...over,
});
const items = (): EvidenceItem[] => [
  photo(),
  photo({ evidenceId: 'ev-2', capturedAt: '2026-04-02T09:18:00+08:00', url: url('ev-2'), forensics: {
    detectedType: 'image/jpeg', exif: null,
    reasons: [{ code: 'evidence.reused', severity: 'strong', evidenceId: 'ev-2', params: { otherCaseNo: 'JC-2026-000123' } }],
  } }),
  evidence({ evidenceId: 'ev-3', kind: 'audio', capturedAt: '2026-04-02T09:20:00+08:00', url: url('ev-3'), contentType: 'audio/mp4' }),
];

afterEach(() => vi.restoreAllMocks());

function openFirst() {
  fireEvent.click(screen.getAllByTestId('evidence-open')[0]!);
  return screen.getByTestId('evidence-viewer');
}

describe('<EvidenceViewer> (from the gallery)', () => {
  it('shows the original with capture time and position — the terminal\'s and the photo\'s own — and no warning', () => {
    renderWithAdmin(<EvidenceGallery items={items()} customer={customer} />);
    const viewer = openFirst();
    expect(within(viewer).getByTestId('viewer-title').textContent).toBe('证据 1 / 3');
    expect(within(viewer).getByTestId('viewer-image').getAttribute('src')).toBe(url('ev-1'));
    expect(within(viewer).getByTestId('viewer-captured-at').textContent).toContain('2026/04/02 09:15');
    expect(within(viewer).getByTestId('viewer-exif-taken-at').textContent).toContain('2026/04/02 09:14');
    expect(within(viewer).getByTestId('viewer-position').textContent).toContain('29.841400, 114.322400 · 距客户 15 米');
    expect(within(viewer).getByText('HUAWEI P60')).toBeTruthy();
    expect(within(viewer).getByTestId('viewer-warnings').textContent).toContain('未发现异常');
  });

  it('zooms with buttons, wheel and keys, rotates, and resets', () => {
    renderWithAdmin(<EvidenceGallery items={items()} customer={customer} />);
    const viewer = openFirst();
    const img = () => within(viewer).getByTestId('viewer-image');
    fireEvent.click(within(viewer).getByTestId('viewer-zoom-in'));
    expect(img().getAttribute('data-zoom')).toBe('1.500');
    expect(within(viewer).getByTestId('viewer-zoom').textContent).toBe('缩放 150%');
    fireEvent.wheel(within(viewer).getByTestId('viewer-stage'), { deltaY: -100 });
    expect(img().getAttribute('data-zoom')).toBe('2.250');
    fireEvent.keyDown(viewer, { key: '-' });
    expect(img().getAttribute('data-zoom')).toBe('1.500');
    fireEvent.click(within(viewer).getByTestId('viewer-rotate'));
    fireEvent.keyDown(viewer, { key: 'r' });
    expect(img().getAttribute('data-rotation')).toBe('180');
    expect(img().style.transform).toBe('translate(0px, 0px) scale(1.5) rotate(180deg)');
    fireEvent.click(within(viewer).getByTestId('viewer-zoom-reset'));
    expect(img().getAttribute('data-zoom')).toBe('1.000');
    expect(img().getAttribute('data-rotation')).toBe('0');
  });

  it('goes through the items with the arrow keys, shows a reuse on another case, and plays audio', () => {
    renderWithAdmin(<EvidenceGallery items={items()} customer={customer} />);
    const viewer = openFirst();
    fireEvent.keyDown(viewer, { key: 'ArrowRight' });
    expect(within(viewer).getByTestId('viewer-title').textContent).toBe('证据 2 / 3');
    expect(within(viewer).getByTestId('viewer-warnings').textContent).toContain('JC-2026-000123');
    fireEvent.keyDown(viewer, { key: 'ArrowRight' });
    expect(within(viewer).getByTestId('viewer-audio').getAttribute('src')).toBe(url('ev-3'));
    expect(within(viewer).queryByTestId('viewer-zoom-in')).toBeNull();
    fireEvent.keyDown(viewer, { key: 'ArrowRight' }); // wraps around
    expect(within(viewer).getByTestId('viewer-title').textContent).toBe('证据 1 / 3');
    fireEvent.keyDown(viewer, { key: 'ArrowLeft' });
    expect(within(viewer).getByTestId('viewer-title').textContent).toBe('证据 3 / 3');
  });

  it('downloads the original through a freshly signed URL, not the one on screen', async () => {
    const fresh = items().map((i) => ({ ...i, downloadUrl: `${i.url}&fresh=1&response-content-disposition=attachment` }));
    const refresh = vi.fn(async () => fresh);
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) { clicked.push(this.href); });
    renderWithAdmin(<EvidenceGallery items={items()} customer={customer} refresh={refresh} />);
    const viewer = openFirst();
    fireEvent.click(within(viewer).getByTestId('viewer-download'));
    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(clicked[0]).toBe(fresh[0]!.downloadUrl);
  });

  it('renews an expired preview URL once when the image fails to load', async () => {
    const refresh = vi.fn(async () => items().map((i) => ({ ...i, url: `${i.url}-renewed` })));
    renderWithAdmin(<EvidenceGallery items={items()} customer={customer} refresh={refresh} />);
    const viewer = openFirst();
    fireEvent.error(within(viewer).getByTestId('viewer-image'));
    await waitFor(() => expect(within(viewer).getByTestId('viewer-image').getAttribute('src')).toBe(`${url('ev-1')}-renewed`));
    fireEvent.error(within(viewer).getByTestId('viewer-image'));
    fireEvent.error(within(viewer).getByTestId('viewer-image'));
    await waitFor(() => expect(refresh).toHaveBeenCalledTimes(2)); // the renewed URL may be retried once, then no more
    fireEvent.error(within(viewer).getByTestId('viewer-image'));
    expect(refresh).toHaveBeenCalledTimes(2);
  });

  it('says so when no download URL can be had', async () => {
    renderWithAdmin(<EvidenceGallery items={items()} customer={customer} refresh={async () => undefined} />);
    const viewer = openFirst();
    fireEvent.click(within(viewer).getByTestId('viewer-download'));
    expect(await within(viewer).findByTestId('viewer-download-failed')).toBeTruthy();
  });
});
