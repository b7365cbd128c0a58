import { Alert, AlertTitle, Button, Stack } from '@mui/material';
import { Link, useCanAccess, useCreatePath, useTranslate } from 'react-admin';
import { formatDateTime } from '../../../format/dateTime';
import { ReasonChips } from '../../presenceReviews/ReasonViews';
import type { CaseLive } from './useCaseQueries';

/**
 * The supervisors' review of the field visit (疑似虚假工单), above every tab: while pending, why the case holds (no
 * rectification order, no scoring) with the strongest reasons and a link to the review; once decided, the outcome.
 */
export function PresenceReviewBanner({ caseId, review }: { caseId: string; review: NonNullable<CaseLive['review']> }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { canAccess } = useCanAccess({ resource: 'presence-reviews', action: 'show' });
  const t = (k: string, o?: object) => translate(`resources.cases.presenceReview.${k}`, o);
  const link = canAccess && (
    <Button component={Link} to={createPath({ resource: 'presence-reviews', id: caseId, type: 'show' })} color="inherit" sx={{ minHeight: 48, whiteSpace: 'nowrap' }} data-testid="open-presence-review">
      {t('open')}
    </Button>
  );
  if (review.status === 'pending') {
    const codes = [...new Set(review.reasons.map((r) => r.code))];
    return (
      <Alert severity="warning" variant="outlined" action={link} data-testid="presence-review-banner" data-status="pending">
        <AlertTitle>{translate('resources.presence-reviews.status.pending')}</AlertTitle>
        <Stack spacing={1}>
          <span>{t('pending')}</span>
          {codes.length > 0 && <ReasonChips codes={codes} max={4} />}
        </Stack>
      </Alert>
    );
  }
  const params = { name: review.decidedBy ?? '—', time: formatDateTime(review.decidedAt), note: review.note ?? '' };
  return (
    <Alert
      severity={review.status === 'cleared' ? 'success' : 'info'}
      variant="outlined"
      action={link}
      data-testid="presence-review-banner"
      data-status={review.status}
    >
      {t(review.status, params)}
    </Alert>
  );
}
