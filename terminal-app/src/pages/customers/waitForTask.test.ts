import { describe, expect, it } from 'vitest';
import { createTerminalApi } from '../../api/client';
import { waitForTask } from './api';

const ID = '0b6f2a8e-3c1d-4e5f-9a7b-1c2d3e4f5a6b';

function apiAnswering(statuses: number[]) {
  const seen: number[] = [];
  const api = createTerminalApi({
    baseUrl: 'http://t.test',
    token: async () => 't',
    deviceId: () => 'T-1',
    lang: () => 'zh-CN',
    fetch: async () => {
      const status = statuses[Math.min(seen.length, statuses.length - 1)]!;
      seen.push(status);
      return status === 404
        ? new Response(JSON.stringify({ type: 'about:blank', title: 'Not found', status, code: 'case.not-visible' }), { status, headers: { 'Content-Type': 'application/problem+json' } })
        : new Response(JSON.stringify({ caseId: ID }), { status, headers: { 'Content-Type': 'application/json' } });
    },
  });
  return { api, seen };
}

describe('waitForTask (a custom audit opens its task once the workflow has offered it to me)', () => {
  it('waits through 404s with growing pauses, then says the task can be opened', async () => {
    const { api, seen } = apiAnswering([404, 404, 404, 200]);
    const pauses: number[] = [];
    let t = 0;
    const ok = await waitForTask(api, ID, { sleep: async (ms) => void pauses.push((t += ms)), now: () => t });
    expect(ok).toBe(true);
    expect(seen).toEqual([404, 404, 404, 200]);
    expect(pauses).toEqual([500, 1250, 2375]);
  });

  it('gives up after the timeout without opening a missing task', async () => {
    const { api, seen } = apiAnswering([404]);
    let t = 0;
    expect(await waitForTask(api, ID, { timeoutMs: 5000, sleep: async (ms) => void (t += ms), now: () => t })).toBe(false);
    expect(seen.length).toBeGreaterThan(2);
    expect(t).toBeLessThanOrEqual(5000);
  });

  it('does not wait through other refusals', async () => {
    const { api } = apiAnswering([403]);
    await expect(waitForTask(api, ID, { sleep: async () => undefined, now: () => 0 })).resolves.toBe(true);
  });
});
