import { Chip } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { formatDuration } from '../../../format/dateTime';
import { useNow } from '../../../hooks/useNow';

/** "剩余 2 天 3 小时" in green/amber, or "已超期 5 小时" in red; re-renders every 30 s. */
export function DeadlineCountdown({ deadlineAt, reminderAt }: { deadlineAt: string | null; reminderAt?: string | null }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const now = useNow();
  if (!deadlineAt) return null;
  const left = Date.parse(deadlineAt) - now;
  if (!Number.isFinite(left)) return null;
  const duration = formatDuration(left, locale);
  if (left < 0) {
    return <Chip size="small" color="error" label={translate('resources.cases.live.overdue', { duration })} data-testid="deadline-countdown" />;
  }
  const reminded = reminderAt ? Date.parse(reminderAt) <= now : false;
  return (
    <Chip
      size="small"
      color={reminded ? 'warning' : 'success'}
      variant="outlined"
      label={translate('resources.cases.live.remaining', { duration })}
      data-testid="deadline-countdown"
    />
  );
}
