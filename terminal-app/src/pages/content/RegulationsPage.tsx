import { useEffect, useState } from 'react';
import { useApp } from '../../AppContext';
import { useI18n } from '../../i18n';
import { href, navigate, useRoute } from '../../router';
import { Button, Empty, Loading, Page } from '../../ui/ui';
import { formatDate } from '../customers/format';
import { ErrorNote, Segmented, useDebounced } from '../customers/parts';
import { ContentTabs } from './ContentTabs';
import { loadRegulations, type RegulationKind, type RegulationSummary } from './content';

// 法规制度: laws, regulations and notices, filtered by kind and searched by text. The filter and the query live in the
// address (#/regulations?kind=notice&q=…), so coming back from one regulation shows the same list.

type KindFilter = 'all' | RegulationKind;
const Q_MAX = 100;

type ListState =
  | { state: 'loading'; items: RegulationSummary[] }
  | { state: 'ok'; items: RegulationSummary[]; total: number; page: number }
  | { state: 'error'; items: RegulationSummary[]; error: unknown; page: number };

export function RegulationsPage() {
  const { t } = useI18n();
  const { api } = useApp();
  const route = useRoute();
  const kindParam = route.query.get('kind');
  const kind: KindFilter = kindParam === 'regulation' || kindParam === 'notice' ? kindParam : 'all';
  const [text, setText] = useState(() => route.query.get('q') ?? '');
  const q = useDebounced(text.trim().slice(0, Q_MAX), 400);
  const [list, setList] = useState<ListState>({ state: 'loading', items: [] });
  const [attempt, setAttempt] = useState(0);

  // Keep the address in step with the filter (replace: typing must not fill the back history).
  useEffect(() => {
    const p = new URLSearchParams();
    if (kind !== 'all') p.set('kind', kind);
    if (q) p.set('q', q);
    // (toString, not .size: older Android WebViews lack URLSearchParams.size)
    const want = `/regulations${p.toString() ? `?${p}` : ''}`;
    const now = `${route.path}${route.query.toString() ? `?${route.query}` : ''}`;
    if (now !== want) navigate(want, { replace: true });
  }, [kind, q, route]);

  async function fetchPage(page: number, keep: RegulationSummary[], signal?: AbortSignal) {
    try {
      const r = await loadRegulations(api, { kind: kind === 'all' ? undefined : kind, q: q || undefined, page });
      if (!signal?.aborted) setList({ state: 'ok', items: [...keep, ...r.items], total: r.total, page });
    } catch (error) {
      if (!signal?.aborted) setList({ state: 'error', items: keep, error, page });
    }
  }

  useEffect(() => {
    const abort = new AbortController();
    setList({ state: 'loading', items: [] });
    void fetchPage(1, [], abort.signal);
    return () => abort.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, kind, q, attempt]);

  const setKind = (k: KindFilter) => {
    const p = new URLSearchParams();
    if (k !== 'all') p.set('kind', k);
    if (q) p.set('q', q);
    navigate(`/regulations${p.toString() ? `?${p}` : ''}`, { replace: true });
  };

  const more = list.state === 'ok' && list.items.length < list.total;
  return (
    <Page title={t('content.tab.regulations')}>
      <ContentTabs current="/regulations" />
      <Segmented<KindFilter>
        label={t('content.reg.kindLabel')}
        value={kind}
        onChange={setKind}
        options={[{ value: 'all', label: t('content.reg.all') }, { value: 'regulation', label: t('content.kind.regulation') }, { value: 'notice', label: t('content.kind.notice') }]}
        testId="regulations-kind"
      />
      <label htmlFor="regulations-q">{t('content.reg.search')}</label>
      <input id="regulations-q" type="search" enterKeyHint="search" maxLength={Q_MAX} value={text} placeholder={t('content.reg.searchPlaceholder')} onChange={(e) => setText(e.target.value)} data-testid="regulations-search" />
      {list.state === 'ok' ? <p className="hint">{t('content.reg.total', { n: list.total })}</p> : null}
      {list.items.length > 0 ? (
        <ul className="hits" data-testid="regulations-list">
          {list.items.map((r) => (
            <li key={r.id}>
              <a className="hit" href={href(`/regulations/${r.id}`)} data-testid={`regulation-${r.id}`}>
                <div className="hit-name">{r.title}</div>
                <div className="hit-line">
                  <span className="tag">{t(`content.kind.${r.kind}`)}</span>{r.issuer}{r.docNo ? ` · ${r.docNo}` : ''}
                </div>
                {r.effectiveOn ? <div className="hit-line">{t('content.reg.effective', { date: formatDate(r.effectiveOn) })}</div> : null}
                <div className="hit-line">{r.summary}</div>
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {list.state === 'loading' ? <Loading /> : null}
      {list.state === 'ok' && list.items.length === 0 ? <Empty>{q ? t('content.reg.noneFor', { q }) : t('content.reg.none')}</Empty> : null}
      {list.state === 'error' ? (
        <ErrorNote error={list.error} ctx="load" onRetry={() => (list.items.length ? void fetchPage(list.page, list.items) : setAttempt((n) => n + 1))} />
      ) : null}
      {more && list.state === 'ok' ? (
        <div className="btn-row">
          <Button kind="secondary" onClick={() => { setList({ state: 'loading', items: list.items }); void fetchPage(list.page + 1, list.items); }} testId="regulations-more">
            {t('content.reg.more')}
          </Button>
        </div>
      ) : null}
    </Page>
  );
}
