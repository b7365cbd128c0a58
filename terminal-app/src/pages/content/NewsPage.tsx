import { useApp } from '../../AppContext';
import { useI18n } from '../../i18n';
import { useLoad } from '../../hooks';
import { Button, Empty, Loading, Page } from '../../ui/ui';
import { formatDate, formatDateTime } from '../customers/format';
import { ErrorNote } from '../customers/parts';
import { ContentTabs } from './ContentTabs';
import { loadAnnouncements, orderAnnouncements } from './content';

// 信息公告: announcements for my unit and the units above it, pinned first.
export function NewsPage() {
  const { t } = useI18n();
  const { api } = useApp();
  const list = useLoad(() => loadAnnouncements(api), [api]);
  return (
    <Page title={t('nav.news')} actions={<button type="button" className="btn-icon" aria-label={t('cust.refresh')} onClick={() => void list.reload()} data-testid="news-refresh">⟳</button>}>
      <ContentTabs current="/news" />
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'error' ? <ErrorNote error={list.error} ctx="load" onRetry={() => void list.reload()} /> : null}
      {list.state === 'ok' && list.data.length === 0 ? <Empty>{t('content.news.none')}</Empty> : null}
      {list.state === 'ok' && list.data.length > 0 ? (
        <ul className="rows" data-testid="news-list">
          {orderAnnouncements(list.data).map((a) => (
            <li key={a.id}>
              <article>
                <div className="row-main">
                  <span>{a.pinned ? <span className="tag tag-warn">{t('content.news.pinned')}</span> : null}{a.title}</span>
                </div>
                <div className="row-sub">
                  {formatDate(a.publishedAt)} · {a.orgUnitId ? t('content.news.forUnit', { unit: a.orgUnitId }) : t('content.news.forAll')}
                  {a.expiresAt ? <> · {t('content.news.expires', { at: formatDateTime(a.expiresAt) })}</> : null}
                </div>
                <p className="body-text" style={{ margin: '6px 0 0' }}>{a.body}</p>
              </article>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="btn-row">
        <Button kind="secondary" onClick={() => void list.reload()}>{t('cust.refresh')}</Button>
      </div>
    </Page>
  );
}
