// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { screen, within } from '@testing-library/react';
import { renderWithAdmin } from '../../../test/renderWithAdmin';
import { evidence } from '../../../test/fixtures';
import { EvidenceGallery } from './EvidenceGallery';

const SHA_B = '0123456789abcdef'.repeat(4);

describe('<EvidenceGallery>', () => {
  it('shows verified and unverified badges, the SHA-256, size, capture time and GPS', () => {
    renderWithAdmin(
      <EvidenceGallery
        items={[
          evidence(),
          evidence({ evidenceId: 'ev-2', kind: 'audio', verified: false, sha256: SHA_B, sizeBytes: 2048, lat: undefined, lon: undefined, capturedAt: '2026-04-02T09:20:00+08:00' }),
        ]}
      />,
    );
    const cards = screen.getAllByTestId('evidence-item');
    expect(cards.map((c) => c.dataset.evidenceId)).toEqual(['ev-1', 'ev-2']);

    const [photo, audio] = cards as [HTMLElement, HTMLElement];
    expect(within(photo).getByTestId('evidence-verified').textContent).toBe('已校验');
    expect(within(photo).queryByTestId('evidence-unverified')).toBeNull();
    expect(within(photo).getByTestId('evidence-sha256').textContent).toBe(`SHA-256 ${evidence().sha256}`);
    expect(within(photo).getByText('照片 · 240.0 KB')).toBeTruthy();
    expect(within(photo).getByTestId('evidence-gps').textContent).toBe('定位：29.841400, 114.322400');
    expect(within(photo).getByText('拍摄时间：2026/04/02 09:15', { exact: false })).toBeTruthy();

    expect(within(audio).getByTestId('evidence-unverified').textContent).toBe('未校验');
    expect(within(audio).getByTestId('evidence-sha256').textContent).toContain(SHA_B);
    expect(within(audio).getByTestId('evidence-gps').textContent).toBe('定位：无定位');
  });

  it('uses a placeholder until a URL is served, and the media itself when one is', () => {
    const { container } = renderWithAdmin(
      <EvidenceGallery
        items={[
          evidence(),
          evidence({ evidenceId: 'ev-2', url: 'https://s3.local/ev-2.jpg' }),
          evidence({ evidenceId: 'ev-3', kind: 'video', url: 'https://s3.local/ev-3.mp4' }),
          evidence({ evidenceId: 'ev-4', kind: 'audio', url: 'https://s3.local/ev-4.m4a' }),
        ]}
      />,
    );
    expect(screen.getAllByTestId('evidence-placeholder')).toHaveLength(1);
    expect(container.querySelector('img')?.getAttribute('src')).toBe('https://s3.local/ev-2.jpg');
    expect(container.querySelector('video')?.getAttribute('src')).toBe('https://s3.local/ev-3.mp4');
    expect(container.querySelector('audio')?.getAttribute('src')).toBe('https://s3.local/ev-4.m4a');
  });

  it('puts a failed re-verification above everything on the card, and keeps a past one visible after a later ok', () => {
    renderWithAdmin(
      <EvidenceGallery
        items={[
          evidence({ integrity: { status: 'newer-version', checkedAt: '2026-12-04T03:30:00+08:00', flaggedAt: '2026-12-04T03:30:00+08:00' } }),
          evidence({ evidenceId: 'ev-2', integrity: { status: 'mismatch', checkedAt: '2026-12-04T03:30:00+08:00', flaggedAt: '2026-12-04T03:30:00+08:00' } }),
          evidence({ evidenceId: 'ev-3', integrity: { status: 'ok', checkedAt: '2026-12-05T03:30:00+08:00', flaggedAt: '2026-12-04T03:30:00+08:00' } }),
          evidence({ evidenceId: 'ev-4', integrity: { status: 'ok', checkedAt: '2026-12-05T03:30:00+08:00', flaggedAt: null } }),
          evidence({ evidenceId: 'ev-5' }),
        ]}
      />,
    );
    const cards = screen.getAllByTestId('evidence-item') as HTMLElement[];
    const alert = (i: number) => within(cards[i]!).queryByTestId('evidence-integrity-alert')?.textContent ?? null;
    expect(alert(0)).toBe('完整性复核告警（2026/12/04 03:30）：有人试图覆盖或删除该证据；此处显示的仍是确认时的原件。');
    expect(alert(1)).toBe('完整性复核未通过（2026/12/04 03:30）：存储的文件与确认时的 SHA-256 不一致，可能被篡改或损坏。');
    expect(alert(2)).toBe('该证据曾于 2026/12/04 03:30 复核未通过，最近一次复核完好。');
    expect(alert(3)).toBeNull();
    expect(alert(4)).toBeNull();
  });

  it('has an empty state', () => {
    renderWithAdmin(<EvidenceGallery items={[]} />);
    expect(screen.getByTestId('empty-state').textContent).toContain('暂无证据');
  });
});
