import { useState } from 'react';
import { discardItem, retryItem, type OutboxItem } from '../../outbox';
import { useI18n } from '../../i18n';
import { errorText } from '../../ui/ui';
import { formatChinaTime } from './labels';
import { itemLabel, itemStatusText, unsynced } from './outboxView';

// This case's items not yet applied by the server: queued, on the wire, waiting for a retry, or refused with the
// reason. A refused item is discarded only on a second tap (no dialog to miss with gloves on).

export function OutboxList({ items, testId = 'case-outbox' }: { items: OutboxItem[]; testId?: string }) {
  const { t } = useI18n();
  const open = unsynced(items).sort((a, b) => a.seq - b.seq);
  const done = items.length - open.length;
  if (!open.length && !done) return null;
  return (
    <section className="card" data-testid={testId}>
      <h2>{t('tasks.outbox.title')}</h2>
      {open.length ? (
        <ul className="list">
          {open.map((i) => <OutboxRow key={i.id} item={i} />)}
        </ul>
      ) : null}
      {done ? <p className="muted">{t('tasks.outbox.doneCount', { n: done })}</p> : null}
    </section>
  );
}

function OutboxRow({ item }: { item: OutboxItem }) {
  const { t } = useI18n();
  const [arm, setArm] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const run = async (f: () => Promise<void>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(e);
    }
  };
  const cls = item.status === 'conflict' ? 'tag tag-danger' : item.status === 'failed' ? 'tag tag-warn' : 'tag';
  return (
    <li className="row outbox-row" data-testid="outbox-item" data-status={item.status} data-action={item.action ?? item.evidenceKind}>
      <div className="row-line">
        <strong>{itemLabel(item, t)}</strong>
        <span className={cls}>{itemStatusText(item, t)}</span>
      </div>
      <div className="muted small">{formatChinaTime(item.createdAt)}</div>
      {item.status === 'sending' && item.type === 'evidence' && typeof item.progress === 'number'
        ? <progress max={1} value={item.progress} aria-label={itemStatusText(item, t)} />
        : null}
      {item.problem ? <p className={item.status === 'conflict' ? 'error-text' : 'muted'} data-testid="outbox-problem">{item.problem.message}</p> : null}
      {item.status === 'failed' && item.nextTryAt ? <p className="muted small">{t('tasks.outbox.nextTry', { at: formatChinaTime(new Date(item.nextTryAt).toISOString()) })}</p> : null}
      {item.status === 'failed' || item.status === 'conflict' ? (
        <div className="row-actions">
          {item.status === 'failed' ? (
            <button type="button" className="btn btn-secondary" data-testid="outbox-retry" onClick={() => void run(() => retryItem(item.id))}>{t('tasks.outbox.retry')}</button>
          ) : null}
          <button
            type="button"
            className={`btn ${arm ? 'btn-danger' : 'btn-secondary'}`}
            data-testid="outbox-discard"
            onClick={() => (arm ? void run(() => discardItem(item.id)) : setArm(true))}
          >
            {arm ? t('tasks.outbox.discardConfirm') : t('tasks.outbox.discard')}
          </button>
        </div>
      ) : null}
      {error ? <p className="error-text" role="alert">{errorText(error, t)}</p> : null}
    </li>
  );
}
