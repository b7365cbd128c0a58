import { useI18n } from '../../i18n';
import { href } from '../../router';
import '../customers/pages.css';

// 信息公告 and what hangs off it: regulations and notices, consultations, feedback — one row of tabs (links, so the
// back button and deep links work).
const TABS = [
  { path: '/news', key: 'content.tab.news' },
  { path: '/regulations', key: 'content.tab.regulations' },
  { path: '/consultations', key: 'content.tab.consultations' },
  { path: '/feedback', key: 'content.tab.feedback' },
] as const;

export function ContentTabs({ current }: { current: (typeof TABS)[number]['path'] }) {
  const { t } = useI18n();
  return (
    <nav className="tabs" aria-label={t('nav.news')}>
      {TABS.map((tab) => (
        <a key={tab.path} href={href(tab.path)} aria-current={tab.path === current ? 'page' : undefined} data-testid={`content-tab-${tab.path.slice(1)}`}>
          {t(tab.key)}
        </a>
      ))}
    </nav>
  );
}
