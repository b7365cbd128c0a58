import { lazy, Suspense, type ReactNode } from 'react';
import { useI18n } from './i18n';
import { href, match, useRoute } from './router';
import { useOnline } from './hooks';
import { usePendingCount } from './outbox';
import { DeviceGate } from './pages/device/DeviceGate';
import { Loading, Page } from './ui/ui';
import { TaskListPage } from './pages/tasks/TaskListPage';
import { TaskPage } from './pages/tasks/TaskPage';
import { VisitPage } from './pages/visit/VisitPage';
import { FindingsPage } from './pages/visit/FindingsPage';
import { CustomAuditPage } from './pages/customers/CustomAuditPage';
import { QueryPage } from './pages/customers/QueryPage';
import { CustomerPage } from './pages/customers/CustomerPage';
import { NewsPage } from './pages/content/NewsPage';
import { RegulationsPage } from './pages/content/RegulationsPage';
import { RegulationPage } from './pages/content/RegulationPage';
import { ConsultationsPage } from './pages/content/ConsultationsPage';
import { FeedbackPage } from './pages/content/FeedbackPage';
import { MePage } from './pages/settings/MePage';

// The map pulls in MapLibre (the largest library by far): loaded only when a map is opened.
const MapPage = lazy(() => import('./map/MapPage').then((m) => ({ default: m.MapPage })));

type P = Record<string, string>;
const ROUTES: [string, (p: P) => ReactNode][] = [
  ['/tasks', () => <TaskListPage />],
  ['/tasks/:id', (p) => <TaskPage id={p.id!} />],
  ['/tasks/:id/visit', (p) => <VisitPage id={p.id!} />],
  ['/tasks/:id/findings', (p) => <FindingsPage id={p.id!} />],
  ['/tasks/:id/map', (p) => <MapPage id={p.id!} />],
  ['/custom', () => <CustomAuditPage />],
  ['/query', () => <QueryPage />],
  ['/customers/:accountNo', (p) => <CustomerPage accountNo={p.accountNo!} />],
  ['/news', () => <NewsPage />],
  ['/regulations', () => <RegulationsPage />],
  ['/regulations/:id', (p) => <RegulationPage id={p.id!} />],
  ['/consultations', () => <ConsultationsPage />],
  ['/feedback', () => <FeedbackPage />],
  ['/me', () => <MePage />],
];

const NAV: { path: string; key: string; icon: string }[] = [
  { path: '/tasks', key: 'nav.tasks', icon: '☰' },
  { path: '/custom', key: 'nav.custom', icon: '＋' },
  { path: '/query', key: 'nav.query', icon: '⌕' },
  { path: '/news', key: 'nav.news', icon: '✉' },
  { path: '/me', key: 'nav.more', icon: '◉' },
];

export function App() {
  const { t } = useI18n();
  const route = useRoute();
  const online = useOnline();
  const pending = usePendingCount();
  let page: ReactNode = null;
  for (const [pattern, render] of ROUTES) {
    const params = match(pattern, route.path);
    if (params) {
      page = render(params);
      break;
    }
  }
  const section = '/' + (route.path.split('/')[1] ?? '');
  return (
    <div className="app">
      <header className="topbar">
        <span className="title">{t('app.brand')} · {t('app.title')}</span>
        {pending > 0 ? <span className="chip" data-testid="unsynced-chip">↑ {pending}</span> : null}
      </header>
      {!online ? <div className="banner banner-offline" role="status">{t('common.offline')}</div> : null}
      <DeviceGate>
        <main>
          <Suspense fallback={<Loading />}>{page ?? <Page title={t('common.notFound')} back={href('/tasks')}><p /></Page>}</Suspense>
        </main>
      </DeviceGate>
      <nav className="bottom-nav">
        {NAV.map((n) => (
          <a key={n.path} href={href(n.path)} aria-current={section === n.path || (n.path === '/tasks' && section === '/tasks') ? 'page' : undefined}>
            <span className="icon" aria-hidden>{n.icon}</span>
            {t(n.key)}
            {n.path === '/tasks' && pending > 0 ? <span className="badge" data-testid="unsynced-badge">{pending}</span> : null}
          </a>
        ))}
      </nav>
    </div>
  );
}
