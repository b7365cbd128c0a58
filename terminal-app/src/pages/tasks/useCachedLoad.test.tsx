// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { renderHook, waitFor } from '@testing-library/react';
import { useCachedLoad } from './useCachedLoad';
import { readCache, writeCache } from './cache';
import { offlineAnswers } from '../../api/client';

describe('useCachedLoad and the service worker\'s offline copies', () => {
  it('stores and shows a fresh answer as fresh', async () => {
    localStorage.clear();
    const { result } = renderHook(() => useCachedLoad('inspector', 'tasks', async () => ({ n: 1 })));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current).toMatchObject({ data: { n: 1 }, cachedAt: null });
    expect(readCache('inspector', 'tasks')?.data).toEqual({ n: 1 });
  });

  it('shows an answer the service worker served from its cache as of its time, and does not re-stamp the device copy', async () => {
    localStorage.clear();
    writeCache('inspector', 'tasks', { n: 0 }, new Date('2026-12-01T01:00:00Z'));
    const load = async () => {
      offlineAnswers.count += 1; // what the API client's middleware does for an answer marked as an offline copy
      offlineAnswers.oldestCachedAt = '2026-12-02T03:00:00.000Z';
      return { n: 2 };
    };
    const { result } = renderHook(() => useCachedLoad('inspector', 'tasks', load));
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current).toMatchObject({ data: { n: 2 }, cachedAt: '2026-12-02T03:00:00.000Z' });
    expect(readCache('inspector', 'tasks')).toMatchObject({ at: '2026-12-01T01:00:00.000Z', data: { n: 0 } });
  });
});
