import { Alert, Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatDateTime } from '../../../format/dateTime';
import { InfoGrid } from '../../../ui/InfoGrid';
import { SectionCard } from '../../../ui/SectionCard';
import { enumLabel } from '../caseEnums';
import { DeadlineCountdown } from './DeadlineCountdown';
import { EscalationTierChip } from './EscalationTierChip';
import type { CaseLive } from './useCaseQueries';
import { useOrgUnitNames } from '../../../ui/orgUnits/useOrgUnits';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';
import { PolicyVersionText } from './PolicyVersionText';

/** Where the case stands now: stage, who must act, the clock and its escalations. */
export function CaseDeadlinesPanel({ live }: { live: CaseLive }) {
  const translate = useTranslate();
  const unitName = useOrgUnitNames();
  const names = usePersonNames();
  const pending = live.pendingActor;
  // 待办人 李稽查（温泉供电所）; a step open to any holder of the role names the role and the unit
  const pendingText = pending
    ? pending.username
      ? `${names.full(pending.username)} · ${translate(`app.roles.${pending.role}`)}`
      : `${translate(`app.roles.${pending.role}`)} · ${translate('resources.cases.live.anyHolder')}（${unitName(pending.orgUnit)}）`
    : translate('resources.cases.live.nobodyPending');
  return (
    <SectionCard
      title="resources.cases.live.title"
      action={<EscalationTierChip tier={live.escalationTier} />}
      data-testid="case-live-panel"
    >
      <Stack spacing={2}>
        {live.needsSupervisorReview && (
          <Alert severity="warning">{translate('resources.cases.live.needsReview')}</Alert>
        )}
        <InfoGrid
          items={[
            {
              label: 'resources.cases.fields.stage',
              value: <Chip size="small" color="primary" label={translate(enumLabel('stage', live.stage))} data-testid="live-stage" />,
            },
            { label: 'resources.cases.live.pendingActor', value: pendingText },
            {
              label: 'resources.cases.live.assignee',
              value: live.assignee
                ? `${names.full(live.assignee)} · ${translate(enumLabel('assignment', live.assignment))}`
                : translate(enumLabel('assignment', 'none')),
            },
            { label: 'resources.cases.live.stageStartedAt', value: formatDateTime(live.stageStartedAt) },
            { label: 'resources.cases.live.reminderAt', value: formatDateTime(live.reminderAt) },
            {
              label: 'resources.cases.live.deadlineAt',
              value: live.deadlineAt ? (
                <Box component="span" sx={{ display: 'inline-flex', gap: 1, alignItems: 'center', flexWrap: 'wrap' }}>
                  {formatDateTime(live.deadlineAt)}
                  <DeadlineCountdown deadlineAt={live.deadlineAt} reminderAt={live.reminderAt} />
                </Box>
              ) : null,
            },
            ...(live.declinedBy.length > 0
              ? [{ label: 'resources.cases.live.declinedBy', value: live.declinedBy.join('、') }]
              : []),
            { label: 'resources.cases.live.policyVersion', value: live.policyVersion ? <PolicyVersionText version={live.policyVersion} /> : null },
          ]}
        />
        <Box>
          <Typography variant="subtitle2" gutterBottom>
            {translate('resources.cases.live.escalationHistory')}
          </Typography>
          {live.escalations.length === 0 ? (
            <Typography variant="body2" color="text.secondary">
              {translate('resources.cases.live.noEscalations')}
            </Typography>
          ) : (
            <Box sx={{ overflowX: 'auto' }}>
              <Table size="small" data-testid="escalation-history">
                <TableHead>
                  <TableRow>
                    <TableCell>{translate('resources.escalations.fields.tier')}</TableCell>
                    <TableCell>{translate('resources.escalations.fields.stage')}</TableCell>
                    <TableCell>{translate('resources.escalations.fields.raisedAt')}</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {live.escalations.map((e, i) => (
                    <TableRow key={`${e.stage}-${e.tier}-${i}`}>
                      <TableCell>
                        <EscalationTierChip tier={e.tier} />
                      </TableCell>
                      <TableCell>{translate(enumLabel('stage', e.stage))}</TableCell>
                      <TableCell>{formatDateTime(e.at)}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          )}
        </Box>
      </Stack>
    </SectionCard>
  );
}
