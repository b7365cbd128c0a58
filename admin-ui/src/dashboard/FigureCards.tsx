import type { ReactNode } from 'react';
import { Box, Button, Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { Link, useCanAccess, useCreatePath, useTranslate } from 'react-admin';
import { formatYuan } from '../format/money';
import type { DashboardFigures } from './useDashboardStats';
import { formatCount, formatRate } from './charts/chartFormat';

function FigureCard({ id, label, value, children, tone }: { id: string; label: string; value: string; children?: ReactNode; tone?: 'warning' | 'error' }) {
  return (
    <Card variant="outlined" data-testid={`figure-${id}`} sx={{ height: '100%' }}>
      <CardContent sx={{ '&:last-child': { pb: 2 } }}>
        <Typography variant="body2" color="text.secondary">
          {label}
        </Typography>
        <Typography variant="h5" component="p" data-testid="figure-value" sx={{ fontWeight: 600, color: tone ? `${tone}.main` : undefined, mt: 0.5 }}>
          {value}
        </Typography>
        {children}
      </CardContent>
    </Card>
  );
}

/**
 * 疑似虚假工单: cases on review now (the figure), visits flagged in the period below it, and the way to the queue for
 * those who decide.
 */
function PresenceReviewCard({ figures }: { figures: DashboardFigures['presenceReview'] }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { canAccess } = useCanAccess({ resource: 'presence-reviews', action: 'list' });
  const t = (k: string, o?: object) => translate(`dashboard.figures.${k}`, o);
  return (
    <FigureCard id="presenceReview" label={t('presenceReview')} value={formatCount(figures.pending)} tone={figures.pending > 0 ? 'warning' : undefined}>
      <Typography variant="caption" color="text.secondary" display="block" data-testid="presence-flagged">
        {t('presenceFlagged', { count: formatCount(figures.flagged) })}
      </Typography>
      {canAccess && (
        <Button component={Link} to={createPath({ resource: 'presence-reviews', type: 'list' })} size="small" sx={{ mt: 0.5, minHeight: 48, px: 0 }} data-testid="presence-queue-link">
          {t('presenceOpen')}
        </Button>
      )}
    </FigureCard>
  );
}

/** The pilot's figures: counts and rate for the period, amounts recovered, and what is late right now. */
export function FigureCards({ figures }: { figures: DashboardFigures }) {
  const translate = useTranslate();
  const t = (k: string, o?: object) => translate(`dashboard.figures.${k}`, o);
  const esc = figures.openEscalations;
  return (
    <Box
      data-testid="dashboard-figures"
      sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'repeat(2, 1fr)', sm: 'repeat(3, 1fr)', lg: 'repeat(4, 1fr)' } }}
    >
      <FigureCard id="suspected" label={t('suspected')} value={formatCount(figures.suspected)} />
      <FigureCard id="checkedOnSite" label={t('checkedOnSite')} value={formatCount(figures.checkedOnSite)} />
      <FigureCard id="confirmed" label={t('confirmed')} value={formatCount(figures.confirmed)} />
      <FigureCard id="confirmationRate" label={t('confirmationRate')} value={formatRate(figures.confirmationRate)} />
      <Box sx={{ gridColumn: { xs: 'span 2', sm: 'span 2', lg: 'span 2' } }}>
        <FigureCard id="recovered" label={t('recovered')} value={formatYuan(figures.recovered.totalYuan)}>
          <Typography variant="caption" color="text.secondary" display="block">
            {t('backBilling', { amount: formatYuan(figures.recovered.backBillingYuan) })} · {t('penalty', { amount: formatYuan(figures.recovered.penaltyYuan) })}
          </Typography>
        </FigureCard>
      </Box>
      <FigureCard id="overdueSteps" label={t('overdueSteps')} value={formatCount(figures.overdueSteps)} tone={figures.overdueSteps > 0 ? 'warning' : undefined} />
      <FigureCard id="openEscalations" label={t('openEscalations')} value={formatCount(esc.total)} tone={esc.tier3 > 0 ? 'error' : esc.total > 0 ? 'warning' : undefined}>
        <Stack direction="row" spacing={0.5} useFlexGap flexWrap="wrap" sx={{ mt: 0.5 }}>
          {([1, 2, 3] as const).map((tier) => (
            <Chip
              key={tier}
              size="small"
              data-testid={`escalations-tier${tier}`}
              color={tier === 3 ? 'error' : tier === 2 ? 'warning' : 'default'}
              variant={esc[`tier${tier}`] > 0 ? 'filled' : 'outlined'}
              label={`${t('tier', { tier })} ${formatCount(esc[`tier${tier}`])}`}
            />
          ))}
        </Stack>
      </FigureCard>
      <PresenceReviewCard figures={figures.presenceReview} />
    </Box>
  );
}
