// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { render, screen, within } from '@testing-library/react';
import { AdminContext, memoryStore } from 'react-admin';
import { i18nProvider } from '../../../i18n/i18nProvider';
import { canAccess } from '../../../auth/permissions';
import { fakeAuthProvider } from '../../../test/renderWithAdmin';
import { PresenceReviewBanner } from './PresenceReviewBanner';
import type { CaseLive } from './useCaseQueries';

type Review = NonNullable<CaseLive['review']>;
const PENDING: Review = {
  status: 'pending', since: '2026-04-02T01:20:00Z', confidence: 0.05, justification: '信号差', decidedAt: null, decidedBy: null, note: null,
  reasons: [
    { code: 'checkin.outside', severity: 'strong', params: { distanceM: 2300, radiusM: 200 } },
    { code: 'evidence.exif-missing', severity: 'minor', evidenceId: 'ev-1', params: {} },
    { code: 'evidence.exif-missing', severity: 'minor', evidenceId: 'ev-2', params: {} },
  ],
};

function renderAs(roles: string[], review: Review) {
  const authProvider = { ...fakeAuthProvider(roles), canAccess: async ({ resource, action }: { resource: string; action: string }) => canAccess(roles, resource, action) };
  return render(
    <AdminContext i18nProvider={i18nProvider} authProvider={authProvider} store={memoryStore()}>
      <PresenceReviewBanner caseId="c-1" review={review} />
    </AdminContext>,
  );
}

describe('<PresenceReviewBanner> on the case page', () => {
  it('pending: why the case holds, the reasons once each, and a link to the review for a station lead', async () => {
    renderAs(['station_lead'], PENDING);
    const banner = await screen.findByTestId('presence-review-banner');
    expect(banner.getAttribute('data-status')).toBe('pending');
    expect(banner.textContent).toContain('待核实');
    expect(banner.textContent).toContain('核实前不能下达整改通知');
    expect([...within(banner).getByTestId('reason-chips').querySelectorAll('[data-code]')].map((c) => c.textContent)).toEqual(['签到超出范围', '无拍摄信息']);
    expect((await within(banner).findByTestId('open-presence-review')).getAttribute('href')).toBe('#/presence-reviews/c-1/show');
  });

  it('an inspector sees the banner without the link (the review is not theirs to open)', async () => {
    renderAs(['inspector'], PENDING);
    await screen.findByTestId('presence-review-banner');
    await new Promise((r) => setTimeout(r, 100)); // the access check has answered
    expect(screen.queryByTestId('open-presence-review')).toBeNull();
  });

  it('decided: who decided, when, and their note', async () => {
    renderAs(['supervisor'], { ...PENDING, status: 'returned', decidedAt: '2026-04-02T03:00:00Z', decidedBy: 'supervisor', note: '签到位置不可信' });
    const banner = await screen.findByTestId('presence-review-banner');
    expect(banner.getAttribute('data-status')).toBe('returned');
    expect(banner.textContent).toContain('现场取证已退回重做（supervisor，2026/04/02 11:00）：签到位置不可信');
  });
});
