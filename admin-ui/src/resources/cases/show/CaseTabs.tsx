import { Box, Stack } from '@mui/material';
import type { UseQueryResult } from '@tanstack/react-query';
import { ErrorState, LoadingState } from '../../../ui/LoadStates';
import { InfoGrid } from '../../../ui/InfoGrid';
import { SectionCard } from '../../../ui/SectionCard';
import { formatDateTime } from '../../../format/dateTime';
import { useTranslate } from 'react-admin';
import { CaseMap, DEFAULT_GEOFENCE_RADIUS_M } from '../map/CaseMap';
import { caseTrack } from '../map/caseTrack';
import { enumLabel, type CaseStage } from '../caseEnums';
import { CaseDeadlinesPanel } from './CaseDeadlinesPanel';
import { CaseFindingsPanel } from './CaseFindingsPanel';
import { CaseJudgementPanel } from './CaseJudgementPanel';
import { CaseNotesPanel } from './CaseNotesPanel';
import { CaseTimeline } from './CaseTimeline';
import { CheckInsTable } from './CheckInsTable';
import { EvidenceGallery } from './EvidenceGallery';
import { RectificationPanel } from './RectificationPanel';
import { ScoreBreakdownPanel } from './ScoreBreakdownPanel';
import { VerificationRoundsPanel } from './VerificationRoundsPanel';
import { trackPoints, withEvidenceUrls } from './evidenceSources';
import { useCaseEvidence, useCaseTrack, type CaseEvent, type CaseLive } from './useCaseQueries';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';

const twoColumns = { display: 'grid', gap: 2, gridTemplateColumns: { xs: '1fr', md: '1fr 1fr' }, alignItems: 'start' } as const;

export function OverviewTab({ live }: { live: CaseLive }) {
  return (
    <Stack spacing={2}>
      {live.closure && <ClosurePanel closure={live.closure} />}
      <Box sx={twoColumns}>
        <CaseDeadlinesPanel live={live} />
        <CaseJudgementPanel judgement={live.judgement} accountNo={live.customer?.accountNo} />
      </Box>
      <CaseNotesPanel notes={live.notes} />
    </Stack>
  );
}

function ClosurePanel({ closure }: { closure: NonNullable<CaseLive['closure']> }) {
  const translate = useTranslate();
  const names = usePersonNames();
  return (
    <SectionCard title="resources.cases.closure.title" data-testid="case-closure">
      <InfoGrid
        items={[
          { label: 'resources.cases.fields.stage', value: translate(enumLabel('stage', closure.kind)) },
          { label: 'resources.cases.closure.at', value: `${closure.by ? names.short(closure.by) : translate('resources.cases.timeline.system')} · ${formatDateTime(closure.at)}` },
          { label: 'resources.cases.closure.reason', value: closure.reason, wide: true },
        ]}
      />
    </SectionCard>
  );
}

export function TimelineTab({ events, currentStage }: { events: UseQueryResult<CaseEvent[]>; currentStage: CaseStage }) {
  return (
    <SectionCard title="resources.cases.timeline.title">
      {events.isPending ? (
        <LoadingState />
      ) : events.isError ? (
        <ErrorState title="resources.cases.timeline.loadError" error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <CaseTimeline events={events.data} currentStage={currentStage} />
      )}
    </SectionCard>
  );
}

/** The geofence radius the workflow applied, from the last check-in row of the log. */
export function geofenceRadiusFrom(events: readonly CaseEvent[] | undefined): number {
  const row = [...(events ?? [])].reverse().find((e) => e.type === 'checked_in' && typeof e.payload?.radiusM === 'number');
  return (row?.payload.radiusM as number | undefined) ?? DEFAULT_GEOFENCE_RADIUS_M;
}

export function EvidenceTab({ live, events }: { live: CaseLive; events: readonly CaseEvent[] | undefined }) {
  const c = live.customer;
  const customer = c && c.lat !== null && c.lon !== null ? { lat: c.lat, lon: c.lon } : null;
  // Media URLs and the GPS track come from their own endpoints; the gallery and map show the case without them meanwhile.
  const stored = useCaseEvidence(live.caseId);
  const track = useCaseTrack(live.caseId);
  const gpsTrack = trackPoints(track.data);
  return (
    <Stack spacing={2}>
      <Box sx={twoColumns}>
        <SectionCard title="resources.cases.map.title">
          <Stack spacing={2}>
            <CaseMap
              customer={customer}
              checkIns={live.checkIns}
              track={caseTrack({ ...live, track: gpsTrack })}
              geofenceRadiusM={geofenceRadiusFrom(events)}
            />
            <CheckInsTable checkIns={live.checkIns} />
          </Stack>
        </SectionCard>
        <CaseFindingsPanel findings={live.findings} needsReview={live.needsSupervisorReview} checkItems={live.judgement?.checkItems} />
      </Box>
      <SectionCard title="resources.cases.evidence.title">
        <Stack spacing={1}>
          {stored.isError && (
            <ErrorState severity="warning" error={stored.error} onRetry={() => void stored.refetch()} />
          )}
          <EvidenceGallery
            items={withEvidenceUrls(live.evidence, stored.data)}
            customer={customer}
            refresh={async () => withEvidenceUrls(live.evidence, (await stored.refetch()).data)}
          />
        </Stack>
      </SectionCard>
    </Stack>
  );
}

export function RectificationTab({ live }: { live: CaseLive }) {
  return (
    <Stack spacing={2}>
      <RectificationPanel rectification={live.rectification} />
      <VerificationRoundsPanel rounds={live.verifications} />
    </Stack>
  );
}

export function AssessmentTab({ live }: { live: CaseLive }) {
  return (
    <Stack spacing={2}>
      <ScoreBreakdownPanel score={live.score} />
      {live.closure && <ClosurePanel closure={live.closure} />}
    </Stack>
  );
}
