// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { OutboxItem } from '../outbox';
import type { UpdateState, UpdateWatcher } from './updates';

const outbox = vi.hoisted(() => ({ items: [] as Partial<OutboxItem>[] }));
vi.mock('../outbox', () => ({ useOutboxItems: () => outbox.items }));
const { UpdatePrompt } = await import('./UpdatePrompt');

function fakeWatcher(initial: UpdateState) {
  let state = initial;
  const listeners = new Set<() => void>();
  const w: UpdateWatcher & { applied: number; set(s: UpdateState): void } = {
    applied: 0,
    state: () => state,
    subscribe: (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    apply() {
      w.applied += 1;
      w.set('applying');
    },
    set(s) {
      state = s;
      for (const l of listeners) l();
    },
  };
  return w;
}

afterEach(() => {
  cleanup();
  outbox.items = [];
  document.documentElement.lang = 'zh-CN';
});

describe('UpdatePrompt', () => {
  it('shows nothing until a new version waits, then 有新版本，点击更新; a tap applies it', () => {
    const w = fakeWatcher('none');
    render(<UpdatePrompt watcher={w} />);
    expect(screen.queryByTestId('pwa-update')).toBeNull();
    act(() => w.set('available'));
    fireEvent.click(screen.getByRole('button', { name: /有新版本，点击更新/ }));
    expect(w.applied).toBe(1);
    expect(screen.getByRole('button').textContent).toContain('正在更新');
  });

  it('waits for an upload on the wire before updating, then updates without another tap', () => {
    outbox.items = [{ id: 'e-1', status: 'sending', type: 'evidence' }];
    const w = fakeWatcher('available');
    const { rerender } = render(<UpdatePrompt watcher={w} />);
    fireEvent.click(screen.getByRole('button'));
    expect(w.applied).toBe(0);
    expect(screen.getByRole('button').textContent).toContain('正在上传，上传完成后自动更新');
    outbox.items = [{ id: 'e-1', status: 'done', type: 'evidence' }];
    rerender(<UpdatePrompt watcher={w} />);
    expect(w.applied).toBe(1);
  });

  it('speaks the page\'s language', async () => {
    document.documentElement.lang = 'en';
    render(<UpdatePrompt watcher={fakeWatcher('available')} />);
    expect(screen.getByRole('button').textContent).toContain('A new version is ready — tap to update');
    await act(async () => {
      document.documentElement.lang = 'zh-CN';
      await new Promise((r) => setTimeout(r, 0)); // MutationObserver callbacks are microtasks-later
    });
    expect(screen.getByRole('button').textContent).toContain('有新版本，点击更新');
  });
});
