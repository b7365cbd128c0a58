import { Alert, Box, Button, Chip, Stack, Typography } from '@mui/material';
import OpenIcon from '@mui/icons-material/OpenInNew';
import { Link, ListButton, Show, TopToolbar, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import { InfoGrid } from '../../ui/InfoGrid';
import { LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { enumLabel } from '../cases/caseEnums';
import { CaseMap } from '../cases/map/CaseMap';
import { caseTrack } from '../cases/map/caseTrack';
import { CheckInsTable } from '../cases/show/CheckInsTable';
import { trackPoints } from '../cases/show/evidenceSources';
import { EvidenceCompare } from './EvidenceCompare';
import { ConfidenceChip, ReasonList } from './ReasonViews';
import { ReviewDecisionButtons } from './ReviewDecision';
import type { PresenceReview, PresenceReviewRecord, ReviewStatus } from './presenceModel';

const STATUS_COLOR: Record<ReviewStatus, 'warning' | 'success' | 'info'> = { pending: 'warning', cleared: 'success', returned: 'info' };
const twoColumns = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' } as const;

export function ReviewStatusChip({ status }: { status: ReviewStatus }) {
  const translate = useTranslate();
  return <Chip size="small" color={STATUS_COLOR[status]} label={translate(`resources.presence-reviews.status.${status}`)} data-testid="review-status" data-status={status} />;
}

function Summary({ r }: { r: PresenceReview }) {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const t = (k: string, o?: object) => translate(`resources.presence-reviews.show.${k}`, o);
  const basis = r.verdict?.basis;
  return (
    <SectionCard title="resources.presence-reviews.show.summary" action={<ReviewStatusChip status={r.review.status} />} data-testid="review-summary">
      <Stack spacing={2}>
        <InfoGrid
          items={[
            { label: 'resources.presence-reviews.fields.caseNo', value: r.caseNo },
            { label: 'resources.presence-reviews.fields.customerName', value: `${r.customerName}（${r.customerAccountNo}）` },
            { label: 'resources.presence-reviews.fields.orgUnitName', value: r.orgUnitName },
            { label: 'resources.presence-reviews.fields.inspector', value: r.inspector },
            { label: 'resources.presence-reviews.fields.stage', value: translate(enumLabel('stage', r.stage)) },
            { label: 'resources.presence-reviews.show.since', value: formatDateTime(r.review.since) },
            {
              label: 'resources.presence-reviews.show.confidence',
              value: (
                <Stack direction="row" spacing={1} alignItems="center" component="span">
                  <ConfidenceChip confidence={r.review.confidence} />
                  {basis && <Typography variant="caption" component="span">{t('basis', basis)}</Typography>}
                </Stack>
              ),
              wide: true,
            },
            ...(r.rules
              ? [{ label: 'resources.presence-reviews.show.rulesLabel', value: t('rules', { radiusM: r.rules.geofenceRadiusM, toleranceS: r.rules.clockToleranceS, photos: r.rules.minVerifiedPhotos }), wide: true }]
              : []),
          ]}
        />
        {r.review.status !== 'pending' && (
          <Alert severity={r.review.status === 'cleared' ? 'success' : 'info'} data-testid="review-outcome">
            <strong>{translate(`resources.presence-reviews.status.${r.review.status}`)}</strong>
            {' · '}
            {t('decidedBy', { name: r.review.decidedBy ?? '—', time: formatDateTime(r.review.decidedAt) })}
            {r.review.note && <div>{t('note')}：{r.review.note}</div>}
          </Alert>
        )}
        {r.visit === 'returned' && <Alert severity="info">{t('returnedVisit')}</Alert>}
        {r.returnedVisits > 0 && r.visit === 'current' && (
          <Typography variant="body2" color="text.secondary">{t('earlierReturns', { smart_count: r.returnedVisits })}</Typography>
        )}
        <Stack direction="row" spacing={1} useFlexGap flexWrap="wrap" justifyContent="space-between" alignItems="center">
          <ReviewDecisionButtons review={r} />
          <Button component={Link} to={createPath({ resource: 'cases', id: r.id, type: 'show' })} startIcon={<OpenIcon />} sx={{ minHeight: 48 }}>
            {t('openCase')}
          </Button>
        </Stack>
      </Stack>
    </SectionCard>
  );
}

function Justification({ r }: { r: PresenceReview }) {
  const translate = useTranslate();
  const t = (k: string, o?: object) => translate(`resources.presence-reviews.show.${k}`, o);
  return (
    <SectionCard title="resources.presence-reviews.show.justification" data-testid="review-justification">
      <Stack spacing={2}>
        <Typography sx={{ whiteSpace: 'pre-wrap', borderLeft: 3, borderColor: 'warning.main', pl: 1.5 }}>
          {r.review.justification ?? t('noJustification')}
        </Typography>
        {r.findings && (
          <Box>
            <Typography variant="caption" color="text.secondary">
              {t('findings')} · {translate(enumLabel('findingsResult', r.findings.result))}
              {r.findings.problemType ? ` · ${translate(enumLabel('problemType', r.findings.problemType), { _: r.findings.problemType })}` : ''}
              {' · '}
              {t('findingsBy', { name: r.findings.by, time: formatDateTime(r.findings.at) })}
            </Typography>
            <Typography variant="body2" sx={{ whiteSpace: 'pre-wrap' }}>{r.findings.summary}</Typography>
          </Box>
        )}
      </Stack>
    </SectionCard>
  );
}

/** One review of a doubtful field visit: why, the inspector's word, where they were, and the photos' own record. */
function ReviewDetail() {
  const r = useRecordContext<PresenceReview | PresenceReviewRecord>();
  if (!r) return null;
  // Coming from the queue, react-admin shows the queue's row until the review arrives: it has no review yet.
  if (!('review' in r)) return <LoadingState />;
  const photoIndex = new Map(r.evidence.map((e, i) => [e.evidenceId, i + 1]));
  const track = caseTrack({ checkIns: r.checkIns, evidence: [], track: trackPoints(r.track) });
  return (
    <Stack spacing={2} sx={{ mt: 1, mb: 4 }} data-testid="presence-review">
      <Summary r={r} />
      <Box sx={twoColumns}>
        <SectionCard title="resources.presence-reviews.show.reasons" data-testid="review-reasons">
          <ReasonList reasons={r.review.reasons} photoNumber={(id) => photoIndex.get(id) ?? null} />
        </SectionCard>
        <Justification r={r} />
      </Box>
      <SectionCard title="resources.presence-reviews.show.map">
        <Stack spacing={2}>
          <CaseMap customer={r.customer} checkIns={r.checkIns} track={track} geofenceRadiusM={r.rules?.geofenceRadiusM} />
          <CheckInsTable checkIns={r.checkIns} detailed />
        </Stack>
      </SectionCard>
      <SectionCard title="resources.presence-reviews.show.photos">
        <EvidenceCompare items={r.evidence} />
      </SectionCard>
    </Stack>
  );
}

function ShowActions() {
  return (
    <TopToolbar>
      <ListButton />
    </TopToolbar>
  );
}

function ReviewTitle() {
  const r = useRecordContext<PresenceReview>();
  const translate = useTranslate();
  return <span>{translate('resources.presence-reviews.show.title', { caseNo: r?.caseNo ?? '' })}</span>;
}

export function PresenceReviewShow() {
  return (
    <Show actions={<ShowActions />} component="div" title={<ReviewTitle />}>
      <ReviewDetail />
    </Show>
  );
}
