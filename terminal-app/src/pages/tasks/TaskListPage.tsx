import { useCallback, useState } from 'react';
import { useApp } from '../../AppContext';
import { useI18n } from '../../i18n';
import { href } from '../../router';
import { useCaseOutbox } from '../../outbox';
import { Empty, ErrorBox, Loading, Page, errorText } from '../../ui/ui';
import { codeLabel, deadlineInfo, deadlineText, formatChinaTime, tierClass } from './labels';
import { unsynced } from './outboxView';
import { usePullToRefresh } from './pullToRefresh';
import { useCachedLoad } from './useCachedLoad';
import type { TaskItem, TaskPage } from './types';
import './tasks.css';

// 我的任务: the cases waiting on me, by deadline (the server's order). Pull down (or 刷新) to reload; a task's badge
// counts its steps and evidence not yet synced from this device. Offline, the last list is shown with its time.

const PAGE_SIZE = 50;

export function TaskListPage() {
  const { t } = useI18n();
  const { api, session } = useApp();
  const user = session.identity.username;
  const load = useCallback(async (): Promise<TaskPage> => {
    const { data } = await api.GET('/mobile/v1/tasks', { params: { query: { page: 1, pageSize: PAGE_SIZE } } });
    return data as TaskPage;
  }, [api]);
  const first = useCachedLoad<TaskPage>(user, 'tasks', load);
  const [more, setMore] = useState<{ items: TaskItem[]; page: number; error: unknown; loading: boolean }>({ items: [], page: 1, error: null, loading: false });

  const refresh = useCallback(async () => {
    setMore({ items: [], page: 1, error: null, loading: false });
    await first.reload();
  }, [first]);
  const pull = usePullToRefresh(refresh);

  const loadMore = async () => {
    setMore((m) => ({ ...m, loading: true, error: null }));
    try {
      const page = more.page + 1;
      const { data } = await api.GET('/mobile/v1/tasks', { params: { query: { page, pageSize: PAGE_SIZE } } });
      setMore((m) => ({ items: [...m.items, ...((data as TaskPage).items)], page, error: null, loading: false }));
    } catch (error) {
      setMore((m) => ({ ...m, error, loading: false }));
    }
  };

  const data = first.data;
  const items = data ? [...data.items, ...more.items] : [];
  const busy = first.loading || pull.refreshing;
  return (
    <Page
      title={t('nav.tasks')}
      actions={
        <button type="button" className="btn btn-secondary" onClick={() => void refresh()} disabled={busy} data-testid="tasks-refresh">
          {busy ? t('tasks.refreshing') : t('tasks.refresh')}
        </button>
      }
    >
      <div {...pull.handlers} className="pull-area" data-testid="tasks-pull-area">
        <div className="pull-indicator" style={{ height: pull.offset || (pull.refreshing ? 40 : 0) }} aria-hidden={!pull.offset && !pull.refreshing}>
          {pull.refreshing ? t('tasks.refreshing') : pull.armed ? t('tasks.pull.release') : pull.offset ? t('tasks.pull.hint') : ''}
        </div>
        {data && first.error ? (
          <div className="stale-box" role="status" data-testid="tasks-stale">
            {t('tasks.stale', { reason: errorText(first.error, t), at: formatChinaTime(first.cachedAt ?? undefined) })}
          </div>
        ) : data && first.cachedAt && first.loading ? (
          <p className="muted small" role="status">{t('tasks.cachedUpdating', { at: formatChinaTime(first.cachedAt) })}</p>
        ) : null}
        {!data && first.error ? (
          <div data-testid="tasks-error"><ErrorBox error={first.error} onRetry={() => void refresh()} /></div>
        ) : !data ? (
          <Loading />
        ) : items.length === 0 ? (
          <div data-testid="tasks-empty"><Empty>{t('tasks.empty')}</Empty></div>
        ) : (
          <>
            <p className="muted small">{t('tasks.count', { n: data.total })}</p>
            <ul className="list task-list" data-testid="task-list">
              {items.map((task) => <TaskRow key={task.caseId} task={task} />)}
            </ul>
            {data.total > items.length ? (
              <div className="more">
                {more.error ? <ErrorBox error={more.error} /> : null}
                <button type="button" className="btn btn-secondary btn-block" disabled={more.loading} onClick={() => void loadMore()} data-testid="tasks-more">
                  {more.loading ? t('common.loading') : t('tasks.more', { n: data.total - items.length })}
                </button>
              </div>
            ) : null}
          </>
        )}
      </div>
    </Page>
  );
}

export function TaskRow({ task }: { task: TaskItem }) {
  const { t, lang } = useI18n();
  const pending = unsynced(useCaseOutbox(task.caseId));
  const conflicts = pending.filter((i) => i.status === 'conflict').length;
  const dl = deadlineInfo(task);
  const overdue = dl.kind === 'overdue';
  return (
    <li data-testid="task-item" data-case-id={task.caseId}>
      <a href={href(`/tasks/${task.caseId}`)}>
        <div className="row-line">
          <strong className="task-name">{task.customer.name}</strong>
          {pending.length ? (
            <span className={`badge${conflicts ? '' : ' badge-info'}`} data-testid="task-unsynced" title={t('tasks.unsynced', { n: pending.length })}>
              ↑{pending.length}
            </span>
          ) : null}
        </div>
        <div className="muted small">{t('tasks.accountNo')} {task.customer.accountNo} · {task.caseNo}</div>
        <div className="task-address">{task.customer.address}</div>
        <div className="tags">
          <span className="tag">{codeLabel(t, 'case.stage', task.stage)}</span>
          <span className="tag">{codeLabel(t, 'case.origin', task.origin)}</span>
          {task.assignment === 'offered' || task.assignment === 'accepted'
            ? <span className={task.assignment === 'offered' ? 'tag tag-offer' : 'tag tag-ok'} data-testid="task-assignment">{codeLabel(t, 'case.assignment', task.assignment)}</span>
            : null}
          {task.priority === 'high' || task.priority === 'urgent' ? <span className="tag tag-warn">{codeLabel(t, 'case.priority', task.priority)}</span> : null}
          {task.escalationTier > 0 ? <span className={tierClass(task.escalationTier)} data-testid="task-tier">{codeLabel(t, 'case.tier', String(task.escalationTier))}</span> : null}
        </div>
        {task.hints?.length ? (
          <ul className="hints">
            {task.hints.slice(0, 3).map((h) => <li key={h.code}>{lang === 'en' ? h.textEn : h.textZh}</li>)}
          </ul>
        ) : null}
        <div className={overdue ? 'overdue deadline' : 'deadline'} data-testid="task-deadline" data-kind={dl.kind}>
          {deadlineText(dl, t)}
          {task.deadlineAt ? <span className="muted small"> · {t('tasks.deadlineAt', { at: formatChinaTime(task.deadlineAt) })}</span> : null}
        </div>
        {conflicts ? <div className="error-text small">{t('tasks.conflicts', { n: conflicts })}</div> : null}
      </a>
    </li>
  );
}
