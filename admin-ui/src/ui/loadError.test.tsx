// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fireEvent, screen } from '@testing-library/react';
import { HttpError } from 'ra-core';
import { renderWithAdmin } from '../test/renderWithAdmin';
import { httpErrorFrom } from '../data/problemDetails';
import { ErrorState } from './LoadStates';
import { loadErrorReason } from './loadError';

describe('loadErrorReason', () => {
  it('takes the problem code first, then the status, then a network failure', () => {
    expect(loadErrorReason(httpErrorFrom(400, { title: 'Invalid request', detail: 'The cursor is damaged.', code: 'list.bad-cursor' }, 'x')))
      .toMatchObject({ key: 'app.problems.list.bad-cursor', detail: 'The cursor is damaged.', status: 400 });
    expect(loadErrorReason(new HttpError('Service Unavailable', 503, null))).toMatchObject({ key: 'cockpit.errors.unavailable', params: { status: 503 } });
    expect(loadErrorReason(new HttpError('boom', 500, null))).toMatchObject({ key: 'cockpit.errors.server' });
    expect(loadErrorReason(new HttpError('nope', 403, null))).toMatchObject({ key: 'cockpit.errors.forbidden' });
    expect(loadErrorReason(new HttpError('gone', 404, null))).toMatchObject({ key: 'cockpit.errors.notFound' });
    expect(loadErrorReason(new TypeError('Failed to fetch'))).toMatchObject({ key: 'cockpit.errors.network', detail: null, status: null });
    expect(loadErrorReason(undefined)).toMatchObject({ key: 'cockpit.errors.unknown' });
    // react-admin's generic keys are not repeated as the server's sentence
    expect(loadErrorReason(new HttpError('ra.notification.http_error', 502, null)).detail).toBeNull();
  });
});

describe('<ErrorState>', () => {
  it('shows the title, the reason in Chinese, that this is not an empty list, the server sentence, and a retry', () => {
    const retry = vi.fn();
    renderWithAdmin(<ErrorState title="cockpit.errors.listTitle" error={new HttpError('upstream down', 503, null)} onRetry={retry} />);
    const panel = screen.getByTestId('load-error');
    expect(panel.textContent).toContain('稽查工单读取失败');
    expect(screen.getByTestId('load-error-reason').textContent).toBe('服务暂时不可用（503），请稍后重试。');
    expect(panel.textContent).toContain('这不表示没有数据');
    expect(panel.textContent).toContain('服务器说明：upstream down');
    fireEvent.click(screen.getByTestId('load-error-retry'));
    expect(retry).toHaveBeenCalledTimes(1);
  });
});
