import { Card, CardActionArea, CardContent, Chip, Stack, Typography } from '@mui/material';
import { Link, useCreatePath, useLocaleState, useTranslate } from 'react-admin';
import type { EscalationRecord } from './EscalationBoard';
import { formatDateTime, formatDuration } from '../../format/dateTime';
import { enumLabel } from '../cases/caseEnums';
import { useOrgUnitNames } from '../../ui/orgUnits/useOrgUnits';

/** One escalation: which case, how old, who is holding it up; a tap opens the case. */
export function EscalationCard({ escalation: e, now }: { escalation: EscalationRecord; now: number }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const createPath = useCreatePath();
  const unitName = useOrgUnitNames();
  const t = (k: string, o?: object) => translate(`resources.escalations.card.${k}`, o);
  const pendingRole = e.pendingRole ? translate(`app.roles.${e.pendingRole}`, { _: e.pendingRole }) : null;
  const overdueMs = e.deadlineAt ? now - Date.parse(e.deadlineAt) : NaN;
  return (
    <Card variant="outlined" data-testid="escalation-card" data-tier={e.tier}>
      <CardActionArea
        component={Link}
        to={createPath({ resource: 'cases', id: e.caseId, type: 'show' })}
        sx={{ minHeight: 48 }}
      >
        <CardContent sx={{ display: 'grid', gap: 0.5 }}>
          <Stack direction="row" justifyContent="space-between" alignItems="center" gap={1}>
            <Typography variant="subtitle2" noWrap>
              {e.caseNo}
            </Typography>
            <Chip size="small" variant="outlined" label={translate(enumLabel('stage', e.stage))} />
          </Stack>
          <Typography variant="body2" noWrap>
            {e.customerName || '—'}
          </Typography>
          <Typography variant="caption" color={e.resolvedAt ? 'text.secondary' : 'error.main'} data-testid="escalation-age">
            {e.resolvedAt
              ? t('resolved', { time: formatDateTime(e.resolvedAt) })
              : t('age', { duration: formatDuration(now - Date.parse(e.raisedAt), locale) })}
          </Typography>
          {!e.resolvedAt && Number.isFinite(overdueMs) && overdueMs > 0 && (
            <Typography variant="caption" color="text.secondary">
              {t('overdue', { duration: formatDuration(overdueMs, locale) })}
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            {t('pending', {
              who: [pendingRole, e.pendingUser].filter(Boolean).join(' · ') || '—',
            })}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {t('raised', { time: formatDateTime(e.raisedAt), unit: unitName(e.orgUnitId) })}
          </Typography>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}
