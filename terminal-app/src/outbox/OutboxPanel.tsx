import { useState } from 'react';
import { useI18n, type Lang, type T } from '../i18n';
import { useOnline } from '../hooks';
import { Button } from '../ui/ui';
import { useCaseOutbox, useOutboxItems } from './hooks';
import type { OutboxItem } from './index';
import { discardItem, drainNow, retryItem } from './runtime';

// What is waiting to be sent and why, for the settings page (all cases) and a task page (one case): status,
// upload progress, the refusal in words with the server's own detail, the next retry; retry and discard buttons of
// full width (48 px, gloves), discard confirmed in place (no dialog, nothing hover-only).

function title(i: OutboxItem, t: T): string {
  if (i.type === 'evidence') return t(`outbox.evidence.${i.evidenceKind ?? 'photo'}`);
  if (i.type === 'track') return t('outbox.track.item', { n: i.points ?? 0 });
  return t(`outbox.action.${i.action ?? 'note'}`);
}

const time = (ms: number | string, lang: Lang) => new Date(ms).toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', second: '2-digit' });

const TAG: Record<string, string> = { conflict: 'tag tag-danger', blocked: 'tag tag-warn', failed: 'tag tag-warn' };

function Row({ item, showCase }: { item: OutboxItem; showCase: boolean }) {
  const { t, lang } = useI18n();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const act = (f: () => Promise<void>) => async () => {
    setBusy(true);
    try {
      await f();
    } catch (e) {
      console.error('outbox: action failed', e);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  };
  const canRetry = item.status === 'conflict' || item.status === 'failed';
  const canDiscard = canRetry || item.status === 'blocked';
  const p = item.problem;
  const pct = Math.round((item.progress ?? 0) * 100);
  return (
    <li data-testid="outbox-item" data-status={item.status}>
      <div className="row">
      <div>
        <strong>{title(item, t)}</strong> <span className={TAG[item.status] ?? 'tag'}>{t(`outbox.status.${item.status}`)}</span>
      </div>
      <div className="muted">
        {showCase ? <>{t('outbox.case', { id: item.caseId.slice(0, 8) })} · </> : null}
        {t('outbox.createdAt', { time: time(item.createdAt, lang) })}
        {item.attempts > 1 ? <> · {t('outbox.attempts', { n: item.attempts })}</> : null}
      </div>
      {item.type === 'evidence' && item.status === 'sending' ? (
        <div>
          <progress max={100} value={pct} style={{ width: '100%', height: 16 }} aria-label={t('outbox.progress', { pct })} />
          <span className="muted">{t('outbox.progress', { pct })}</span>
        </div>
      ) : null}
      {p && item.status !== 'done' ? (
        <div className={item.status === 'conflict' ? 'error-box' : 'muted'} role={item.status === 'conflict' ? 'alert' : undefined}>
          <p style={{ margin: 0 }}>{p.message}</p>
          {p.detail && item.status === 'conflict' ? <p className="muted" style={{ margin: '4px 0 0', fontSize: 14 }}>{t('outbox.serverSays', { detail: p.detail })}</p> : null}
        </div>
      ) : null}
      {item.status === 'failed' && item.nextTryAt ? <div className="muted">{t('outbox.nextTry', { time: time(item.nextTryAt, lang) })}</div> : null}
      {confirming ? <p style={{ margin: '8px 0 0', fontWeight: 600 }}>{t(item.type === 'evidence' ? 'outbox.discardEvidence' : 'outbox.discardConfirm')}</p> : null}
      {canRetry || canDiscard ? (
        <div className="action-bar" style={{ position: 'static', borderTop: 0 }}>
          {confirming ? (
            <>
              <Button kind="secondary" onClick={() => setConfirming(false)} disabled={busy}>{t('common.cancel')}</Button>
              <Button kind="danger" onClick={act(() => discardItem(item.id))} disabled={busy} testId="outbox-discard-yes">{t('outbox.discardYes')}</Button>
            </>
          ) : (
            <>
              {canRetry ? <Button onClick={act(() => retryItem(item.id))} disabled={busy} testId="outbox-retry">{t('outbox.retry')}</Button> : null}
              {canDiscard ? <Button kind="secondary" onClick={() => setConfirming(true)} disabled={busy} testId="outbox-discard">{t('outbox.discard')}</Button> : null}
            </>
          )}
        </div>
      ) : null}
      </div>
    </li>
  );
}

/** The outbox of all cases, or of one (`caseId`); items sent recently are listed below the pending ones. */
export function OutboxPanel({ caseId, recent = 5 }: { caseId?: string; recent?: number }) {
  const { t } = useI18n();
  const online = useOnline();
  const all = useOutboxItems();
  const ofCase = useCaseOutbox(caseId ?? '');
  const items = caseId ? ofCase : all;
  const pending = items.filter((i) => i.status !== 'done');
  const done = items.filter((i) => i.status === 'done').slice(-recent).reverse();
  const [syncing, setSyncing] = useState(false);
  const sync = async () => {
    setSyncing(true);
    try {
      await drainNow({ force: true });
    } finally {
      setSyncing(false);
    }
  };
  return (
    <section className="card" data-testid="outbox-panel">
      <h2>{t('outbox.panel.title')}</h2>
      <p className="muted">{pending.length ? t('outbox.panel.pending', { n: pending.length }) : t('outbox.panel.empty')}</p>
      {!online && pending.length ? <p className="muted">{t('outbox.panel.offline')}</p> : null}
      {pending.length ? (
        <>
          <ul className="list">{pending.map((i) => <Row key={i.id} item={i} showCase={!caseId} />)}</ul>
          <Button kind="secondary" onClick={() => void sync()} disabled={syncing} testId="outbox-sync-now">{t('outbox.panel.syncNow')}</Button>
        </>
      ) : null}
      {done.length ? (
        <>
          <h3 style={{ marginTop: 12 }}>{t('outbox.panel.recent')}</h3>
          <ul className="list">{done.map((i) => <Row key={i.id} item={i} showCase={!caseId} />)}</ul>
        </>
      ) : null}
    </section>
  );
}
