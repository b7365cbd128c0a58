import { useI18n } from '../../i18n';
import { navigate, useRoute } from '../../router';
import { Page } from '../../ui/ui';
import { CustomerSearch } from './CustomerSearch';

// 公共查询: find a customer of my unit, then open the customer 360.
export function QueryPage() {
  const { t } = useI18n();
  const route = useRoute();
  return (
    <Page title={t('nav.query')}>
      <p className="hint">{t('cust.query.intro')}</p>
      <CustomerSearch scope="query" initial={route.query.get('q') ?? undefined} onPick={(h) => navigate(`/customers/${h.accountNo}`)} testId="query-search" />
    </Page>
  );
}
