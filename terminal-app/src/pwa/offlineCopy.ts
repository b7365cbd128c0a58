import { CACHED_AT_HEADER, OFFLINE_COPY_HEADER } from '../../sw/names';

// The service worker answers an API read from its cache when the network fails, is too slow or the gateway is down
// (sw/core.ts). Such an answer is not fresh: a page that shows "as of" times (or keeps its own copy) asks here.
//   const { data, response } = await api.GET('/mobile/v1/tasks', …);
//   const copy = offlineCopy(response); // { cachedAt: '2026-12-04T08:12:00.000Z' } or null

export function offlineCopy(response: Pick<Response, 'headers'>): { cachedAt: string | null } | null {
  if (response.headers.get(OFFLINE_COPY_HEADER) !== '1') return null;
  return { cachedAt: response.headers.get(CACHED_AT_HEADER) };
}
