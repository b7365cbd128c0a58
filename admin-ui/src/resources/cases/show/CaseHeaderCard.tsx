import { Card, CardContent, Chip, Divider, Stack, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { formatDateTime } from '../../../format/dateTime';
import { InfoGrid } from '../../../ui/InfoGrid';
import { useEngineDetails } from '../../../auth/useEngineDetails';
import { CaseActionsBar } from '../actions/CaseActionsBar';
import { enumLabel, type CaseRecord } from '../caseEnums';
import { EscalationTierChip } from './EscalationTierChip';
import { ImportedCaseChip } from '../ImportedCaseChip';
import type { CaseLive } from './useCaseQueries';
import { WorkingDaysLeft } from '../WorkingDaysLeft';
import type { CaseDeadlineFacts } from '../workingDays';
import { usePersonNames } from '../../../ui/people/CasePeopleContext';

/** Case number, where it stands (live stage when known), the read-model facts, and the steps. */
export function CaseHeaderCard({ record, live }: { record: CaseRecord & CaseDeadlineFacts; live: CaseLive | undefined }) {
  const translate = useTranslate();
  const names = usePersonNames();
  const engine = useEngineDetails();
  const stage = live?.stage ?? record.stage;
  return (
    <Card data-testid="case-header">
      <CardContent>
        <Stack direction="row" flexWrap="wrap" useFlexGap spacing={1} alignItems="center" sx={{ mb: 2, minWidth: 0 }}>
          <Typography variant="h5" component="h1" sx={{ mr: 1, overflowWrap: 'anywhere' }}>
            {record.caseNo}
          </Typography>
          <Chip color="primary" label={translate(enumLabel('stage', stage))} />
          <Chip variant="outlined" label={translate(enumLabel('priority', live?.priority ?? record.priority))} />
          <Chip variant="outlined" label={translate(enumLabel('origin', record.origin))} />
          <ImportedCaseChip record={record} />
          {live && live.escalationTier > 0 && <EscalationTierChip tier={live.escalationTier} />}
          {/* working days from the case item; the live deadline instant when the server did not count them */}
          <WorkingDaysLeft
            facts={{ workingDaysLeft: record.workingDaysLeft, deadlineProvisional: record.deadlineProvisional, deadlineAt: live?.deadlineAt ?? record.deadlineAt }}
          />
        </Stack>
        <InfoGrid
          items={[
            { label: 'resources.cases.fields.customerName', value: record.customerName },
            { label: 'resources.cases.fields.customerAccountNo', value: record.customerAccountNo },
            { label: 'resources.cases.fields.orgUnitName', value: record.orgUnitName },
            { label: 'resources.cases.fields.createdAt', value: `${formatDateTime(record.createdAt)}${record.createdBy ? ` · ${names.short(record.createdBy)}` : ''}` },
            { label: 'resources.cases.fields.updatedAt', value: formatDateTime(record.updatedAt) },
            // the engine's id for admins only (#16): business roles know the case by its number
            ...(engine && !record.imported ? [{ label: 'resources.cases.fields.workflowId', value: <span data-testid="case-workflow-id">{record.workflowId}</span> }] : []),
            { label: 'resources.cases.fields.note', value: record.note, wide: true },
          ]}
        />
        {live && <CaseActionsBar caseId={record.id} live={live} divider={<Divider sx={{ my: 2 }} />} />}
      </CardContent>
    </Card>
  );
}
