import { useApp } from '../../AppContext';
import { useI18n } from '../../i18n';
import { useLoad } from '../../hooks';
import { href } from '../../router';
import { Loading, Page } from '../../ui/ui';
import { formatDate } from '../customers/format';
import { ErrorNote, Fields } from '../customers/parts';
import { loadRegulation } from './content';

// One regulation or notice with its full text.
export function RegulationPage({ id }: { id: string }) {
  const { t } = useI18n();
  const { api } = useApp();
  const r = useLoad(() => loadRegulation(api, id), [api, id]);
  return (
    <Page title={r.state === 'ok' ? t(`content.kind.${r.data.kind}`) : t('content.tab.regulations')} back={href('/regulations')}>
      {r.state === 'loading' ? <Loading /> : null}
      {r.state === 'error' ? <ErrorNote error={r.error} ctx="regulation" onRetry={() => void r.reload()} /> : null}
      {r.state === 'ok' ? (
        <article data-testid="regulation">
          <h2 style={{ fontSize: 20, margin: '0 0 8px', overflowWrap: 'anywhere' }}>{r.data.title}</h2>
          <Fields rows={[
            [t('content.reg.issuer'), r.data.issuer],
            ...(r.data.docNo ? [[t('content.reg.docNo'), r.data.docNo] as [string, string]] : []),
            [t('content.reg.effectiveOn'), formatDate(r.data.effectiveOn)],
            [t('content.reg.updated'), formatDate(r.data.updatedAt)],
          ]} />
          {r.data.summary ? <p className="warn-box" style={{ borderColor: 'var(--line)', background: 'var(--panel)', color: 'var(--fg)' }}>{r.data.summary}</p> : null}
          <div className="body-text">{r.data.body}</div>
        </article>
      ) : null}
    </Page>
  );
}
