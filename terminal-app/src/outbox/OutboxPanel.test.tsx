// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { I18nContext, translate, type Lang } from '../i18n';
import { OutboxDb } from './db';
import { configureOutbox, currentOutbox, stopOutbox } from './runtime';
import { usePendingCount } from './hooks';
import { OutboxPanel } from './OutboxPanel';
import { FakeServer } from './testing/fakeServer';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

function Pending() {
  return <output data-testid="pending">{usePendingCount()}</output>;
}

function app(lang: Lang = 'zh-CN') {
  const i18n = { lang, t: (k: string, p?: Record<string, string | number>) => translate(lang, k, p), setLang: () => undefined };
  return render(
    <I18nContext.Provider value={i18n}>
      <Pending />
      <OutboxPanel />
    </I18nContext.Provider>,
  );
}

afterEach(() => {
  cleanup();
  const e = currentOutbox();
  stopOutbox();
  e?.db.close();
});

describe('OutboxPanel and the hooks', () => {
  it('shows the queue live, explains a refusal in words, and retries or discards it', async () => {
    const server = new FakeServer({ now: Date.now() });
    let refuse = true;
    server.refuse = (i) => (refuse && i.caseId === A ? { httpStatus: 403, reason: 'Accepting is for the assigned inspector (inspector2), not inspector.' } : undefined);
    const engine = configureOutbox({ api: server.api, username: 'inspector', db: new OutboxDb(`panel-${Math.random()}`), put: server.put, auto: false, locks: null, isOnline: () => true });
    app();
    expect(screen.getByTestId('pending').textContent).toBe('0');
    expect(screen.getByText('所有操作均已提交')).toBeTruthy();

    const a = await engine.enqueueStep(A, 'accept', {});
    await engine.enqueueStep(A, 'note', { text: 'x' });
    await engine.enqueueStep(B, 'accept', {});
    await waitFor(() => expect(screen.getByTestId('pending').textContent).toBe('3'));
    await act(() => engine.drainNow());

    await waitFor(() => expect(screen.getByText('任务已改派给 inspector2，您不能再办理此步骤')).toBeTruthy());
    expect(screen.getByText('服务器说明：Accepting is for the assigned inspector (inspector2), not inspector.')).toBeTruthy();
    expect(screen.getByText(/前一步未被受理/)).toBeTruthy();
    expect(screen.getByTestId('pending').textContent).toBe('2'); // the refusal and the held note; B is done
    const rows = screen.getAllByTestId('outbox-item');
    expect(rows.map((r) => r.dataset.status)).toEqual(['conflict', 'blocked', 'done']);

    // retry: sent again with a new key, then the held note follows
    refuse = false;
    fireEvent.click(screen.getByTestId('outbox-retry'));
    await waitFor(async () => expect((await engine.db.items.get(a.id))?.key).toBe(`${a.id}.k1`));
    await act(() => engine.drainNow());
    await waitFor(() => expect(screen.getByTestId('pending').textContent).toBe('0'));
  });

  it('asks before discarding, in place, and renders in English when the user switched', async () => {
    const server = new FakeServer({ now: Date.now() });
    server.refuse = () => ({ httpStatus: 409, reason: 'accept is not possible: the case is cancelled (已取消).' });
    const engine = configureOutbox({ api: server.api, username: 'inspector', db: new OutboxDb(`panel-${Math.random()}`), put: server.put, auto: false, locks: null, isOnline: () => true });
    await engine.enqueueStep(A, 'accept', {});
    await engine.drainNow();
    app('en');
    await waitFor(() => expect(screen.getByText('The task has ended (cancelled); no further steps are possible')).toBeTruthy());
    fireEvent.click(screen.getByTestId('outbox-discard'));
    expect(screen.getByText('A discarded item is never sent. Discard it?')).toBeTruthy();
    fireEvent.click(screen.getByTestId('outbox-discard-yes'));
    await waitFor(() => expect(screen.getByTestId('pending').textContent).toBe('0'));
    expect(screen.getByText('Everything has been sent')).toBeTruthy();
  });
});
