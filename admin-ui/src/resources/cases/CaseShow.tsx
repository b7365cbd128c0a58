import { useState } from 'react';
import { Box, Card, Stack, Tab, Tabs } from '@mui/material';
import { ListButton, Show, TopToolbar, useRecordContext, useShowContext, useTranslate } from 'react-admin';
import { ErrorState } from '../../ui/LoadStates';
import { OpenInTemporalButton } from './OpenInTemporalButton';
import type { CaseRecord } from './caseEnums';
import { CaseHeaderCard } from './show/CaseHeaderCard';
import { AssessmentTab, EvidenceTab, OverviewTab, RectificationTab, TimelineTab } from './show/CaseTabs';
import { LiveStateGate } from './show/LiveStateGate';
import { RecordingFailedBanner } from './show/RecordingFailedBanner';
import { PresenceReviewBanner } from './show/PresenceReviewBanner';
import { useCaseEvents, useCaseLive } from './show/useCaseQueries';
import { CasePeopleProvider } from '../../ui/people/CasePeopleContext';
import { ImportedCaseNotice } from './ImportedCaseChip';

const TABS = ['overview', 'timeline', 'evidence', 'rectification', 'assessment'] as const;
type CaseTab = (typeof TABS)[number];

function CaseShowActions() {
  return (
    <TopToolbar>
      <OpenInTemporalButton />
      <ListButton />
    </TopToolbar>
  );
}

/** The read-model record on top; the workflow's live state and the case log in tabs below. */
function CaseDetail() {
  const record = useRecordContext<CaseRecord>();
  const translate = useTranslate();
  // an imported case (历史导入) has no workflow to ask
  const live = useCaseLive(record?.imported ? undefined : record?.id);
  const events = useCaseEvents(record?.id);
  const [tab, setTab] = useState<CaseTab>('overview');
  if (!record) return null;
  const counts: Partial<Record<CaseTab, number>> = {
    timeline: events.data?.length,
    evidence: live.data?.evidence.length,
  };
  return (
    <CasePeopleProvider caseId={String(record.id)}>
      <Stack spacing={2} sx={{ mt: 1, mb: 4, minWidth: 0 }}>
        <CaseHeaderCard record={record} live={live.data} />
        {live.data?.recordingFailed && <RecordingFailedBanner failure={live.data.recordingFailed} />}
        {live.data?.review && <PresenceReviewBanner caseId={String(record.id)} review={live.data.review} />}
        <Card>
          <Tabs
            value={tab}
            onChange={(_, v: CaseTab) => setTab(v)}
            variant="scrollable"
            scrollButtons="auto"
            allowScrollButtonsMobile
            aria-label={translate('resources.cases.tabs.label')}
          >
            {TABS.map((t) => (
              <Tab
                key={t}
                value={t}
                data-testid={`case-tab-${t}`}
                sx={{ minHeight: 48 }}
                label={counts[t] ? `${translate(`resources.cases.tabs.${t}`)} (${counts[t]})` : translate(`resources.cases.tabs.${t}`)}
              />
            ))}
          </Tabs>
        </Card>
        <Box role="tabpanel" data-testid={`case-panel-${tab}`} sx={{ minWidth: 0 }}>
          {tab === 'timeline' ? (
            <TimelineTab events={events} currentStage={live.data?.stage ?? record.stage} />
          ) : record.imported ? (
            <ImportedCaseNotice events={events.data} />
          ) : (
            <LiveStateGate query={live}>
              {(state) =>
                tab === 'overview' ? (
                  <OverviewTab live={state} />
                ) : tab === 'evidence' ? (
                  <EvidenceTab live={state} events={events.data} />
                ) : tab === 'rectification' ? (
                  <RectificationTab live={state} />
                ) : (
                  <AssessmentTab live={state} />
                )
              }
            </LiveStateGate>
          )}
        </Box>
      </Stack>
    </CasePeopleProvider>
  );
}

/** The page is as wide as the screen: its tabs, tables and timeline scroll in their own boxes (390 px phones, #16). */
const SHOW_SX = { minWidth: 0, '& .RaShow-main': { minWidth: 0 }, '& .RaShow-card': { minWidth: 0 } } as const;

/** The case could not be read: the reason (e.g. not among the cases the user may see) and a retry, on the page itself. */
function CaseShowError() {
  const { error, refetch } = useShowContext();
  return <ErrorState title="cockpit.errors.caseTitle" error={error} onRetry={() => void refetch()} />;
}

/** A failed read stays on the page with its error panel (react-admin's default: an English toast and back to the list). */
const STAY_ON_ERROR = { onError: () => undefined };

export function CaseShow() {
  return (
    <Show actions={<CaseShowActions />} component="div" sx={SHOW_SX} error={<CaseShowError />} queryOptions={STAY_ON_ERROR}>
      <CaseDetail />
    </Show>
  );
}
