import { Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import {
  Create, CreateButton, DataTable, Edit, EditButton, List, ListButton, Show, TopToolbar, useCanAccess, useGetList, useRecordContext, useTranslate,
} from 'react-admin';
import { useLocation } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../format/dateTime';
import { InfoGrid } from '../../ui/InfoGrid';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { AssessmentRuleSetForm, toDocument } from './AssessmentRuleSetForm';
import { PublishAssessmentButton } from './PublishAssessmentButton';
import { WhatIfPanel } from './WhatIfPanel';
import { AssessmentChangesSection } from './AssessmentChanges';
import { ITEM_CODES, itemSummary, type AssessmentRuleSetRecord } from './assessmentModel';
import { formatShare } from '../../format/percent';

const R = 'resources.assessment-rule-sets';
const Col = DataTable.Col<AssessmentRuleSetRecord>;

function StatusChips({ r }: { r: Pick<AssessmentRuleSetRecord, 'status' | 'inForce'> }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5}>
      <Chip size="small" variant={r.status === 'draft' ? 'outlined' : 'filled'} label={translate(`${R}.status.${r.status}`)} />
      {r.inForce && <Chip size="small" color="success" label={translate(`${R}.status.inForce`)} />}
    </Stack>
  );
}

/** 考核细则: drafts first, then published versions by effective date; the one in force marked. */
export function AssessmentRuleSetList() {
  return (
    <List perPage={100} pagination={false} exporter={false} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <DataTable rowClick="show" bulkActionButtons={false} sx={{ '& .MuiTableCell-body': { whiteSpace: 'nowrap' } }}>
        <Col source="version" disableSort />
        <Col source="name" disableSort />
        <Col source="status" disableSort render={(r) => <StatusChips r={r} />} />
        <Col source="effectiveFrom" disableSort render={(r) => formatDate(r.effectiveFrom)} />
        <Col source="auditWeight" disableSort render={(r) => formatShare(r.auditWeight)} />
        <Col source="updatedAt" disableSort render={(r) => formatDateTime(r.updatedAt)} />
      </DataTable>
    </List>
  );
}

function ShowActions() {
  const r = useRecordContext<AssessmentRuleSetRecord>();
  const { canAccess: canEdit } = useCanAccess({ resource: 'assessment-rule-sets', action: 'edit' });
  return (
    <TopToolbar>
      {r?.status === 'draft' && canEdit && <EditButton />}
      {r?.status === 'draft' && <PublishAssessmentButton version={r.version} />}
      {r && <CreateButton label={`${R}.newFrom`} state={{ record: { ...toDocument(r as never), version: `${r.version}-next`, name: r.name } }} />}
      <ListButton />
    </TopToolbar>
  );
}

function Detail() {
  const r = useRecordContext<AssessmentRuleSetRecord>();
  const translate = useTranslate();
  if (!r) return null;
  const F = `${R}.fields`;
  return (
    <Stack spacing={2} sx={{ mt: 1, mb: 4 }}>
      <SectionCard title={`${r.version} · ${r.name}`} action={<StatusChips r={r} />}>
        <InfoGrid
          items={[
            { label: `${F}.auditWeight`, value: formatShare(r.auditWeight) },
            { label: `${F}.effectiveFrom`, value: formatDate(r.effectiveFrom) },
            { label: `${F}.updatedAt`, value: `${formatDateTime(r.updatedAt)} ${r.updatedBy}` },
            { label: `${F}.publishedAt`, value: r.publishedAt && `${formatDateTime(r.publishedAt)} ${r.publishedBy ?? ''}` },
          ]}
        />
        {r.status === 'published' && <Typography variant="caption" color="text.secondary">{translate(`${R}.immutable`)}</Typography>}
      </SectionCard>
      {r.status === 'draft' && (
        <SectionCard title={`${R}.changes.title`}>
          <AssessmentChangesSection draft={r} />
        </SectionCard>
      )}
      <SectionCard title={`${R}.sections.items`}>
        <Table size="small" data-testid="assessment-items">
          <TableHead>
            <TableRow>
              <TableCell>{translate(`${F}.item`)}</TableCell>
              <TableCell>{translate(`${F}.party`)}</TableCell>
              <TableCell>{translate(`${F}.points`)}</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {ITEM_CODES.map((code) => (
              <TableRow key={code}>
                <TableCell>{translate(`${R}.items.${code}`)}</TableCell>
                <TableCell>{translate(`${R}.parties.${r.items[code].party}`)}</TableCell>
                <TableCell>{itemSummary(r.items[code], translate)}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </SectionCard>
      <SectionCard title={`${R}.sections.whatIf`}>
        <WhatIfPanel version={r.version} />
      </SectionCard>
    </Stack>
  );
}

export function AssessmentRuleSetShow() {
  return (
    <Show component="div" actions={<ShowActions />}>
      <Detail />
    </Show>
  );
}

/** A new draft: from the version the manager came from, else from the one in force. */
export function AssessmentRuleSetCreate() {
  const location = useLocation();
  const fromState = (location.state as { record?: Record<string, unknown> } | null)?.record;
  const all = useGetList<AssessmentRuleSetRecord>('assessment-rule-sets', { pagination: { page: 1, perPage: 100 } }, { enabled: !fromState });
  if (!fromState && all.error) return <ErrorState error={all.error} />;
  if (!fromState && all.isPending) return <LoadingState />;
  const base = all.data?.find((r) => r.inForce) ?? all.data?.[0];
  const record = fromState ?? (base ? { ...toDocument(base as never), version: `${base.version}-next` } : undefined);
  return (
    <Create redirect="show" record={record} transform={toDocument}>
      <AssessmentRuleSetForm mode="create" />
    </Create>
  );
}

/** Drafts only: a published version answers 409 (frozen). */
export function AssessmentRuleSetEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show" transform={toDocument}>
      <AssessmentRuleSetForm mode="edit" />
    </Edit>
  );
}
