import { Page } from '../../ui/ui';
import { useI18n } from '../../i18n';

// Placeholder of the shell's route table; built in its own change.
export function TaskListPage() {
  const { t } = useI18n();
  return <Page title={t('app.title')}><p className="muted">…</p></Page>;
}
