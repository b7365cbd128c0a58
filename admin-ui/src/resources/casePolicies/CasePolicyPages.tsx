import { Chip, Stack, Typography } from '@mui/material';
import {
  Create, CreateButton, DataTable, DeleteButton, Edit, EditButton, List, ListButton, SaveButton, Show, SimpleForm, TextInput, Toolbar, TopToolbar,
  required, useCanAccess, useGetList, useRecordContext, useTranslate,
} from 'react-admin';
import { useLocation } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../format/dateTime';
import { InfoGrid } from '../../ui/InfoGrid';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { PublishVersionButton } from '../../ui/PublishVersionButton';
import { DETAIL_PAGE_SX } from '../customers/pageSx';
import { CasePolicyChanges } from './CasePolicyChanges';
import { CasePolicyForm } from './CasePolicyForm';
import { DEADLINE_STAGES, PRIORITIES, nextPolicyVersion, shareToPercent, toEditorValues, type CasePolicyRecord, type CasePolicyStanding } from './casePolicyModel';

export const CASE_POLICIES_RESOURCE = 'case-policies';
const P = 'resources.case-policies';
const Col = DataTable.Col<CasePolicyRecord>;
const COLOR: Record<CasePolicyStanding, 'success' | 'info' | 'default'> = { in_force: 'success', scheduled: 'info', draft: 'default', superseded: 'default' };

export function StandingChip({ standing }: { standing: CasePolicyStanding }) {
  const translate = useTranslate();
  return <Chip size="small" color={COLOR[standing]} variant={standing === 'draft' || standing === 'superseded' ? 'outlined' : 'filled'} label={translate(`${P}.standing.${standing}`)} />;
}

/** 时限与取证规则: every version (in force / scheduled / draft / superseded) and how many cases run under each. */
export function CasePolicyList() {
  const { canAccess: canCreate } = useCanAccess({ resource: CASE_POLICIES_RESOURCE, action: 'create' });
  return (
    <List perPage={100} pagination={false} exporter={false} actions={<TopToolbar>{canCreate && <CreateButton />}</TopToolbar>}>
      <DataTable rowClick="show" bulkActionButtons={false} sx={{ '& .MuiTableCell-body': { whiteSpace: 'nowrap' } }}>
        <Col source="version" disableSort />
        <Col source="standing" disableSort render={(r) => <StandingChip standing={r.standing} />} />
        <Col source="effectiveFrom" disableSort render={(r) => formatDate(r.effectiveFrom)} />
        <Col source="cases" disableSort />
        <Col source="updatedBy" disableSort />
        <Col source="publishedAt" disableSort render={(r) => formatDateTime(r.publishedAt)} />
      </DataTable>
    </List>
  );
}

/** The version in force now, from the list (the draft page compares with it). */
function useInForce() {
  const list = useGetList<CasePolicyRecord>(CASE_POLICIES_RESOURCE, { pagination: { page: 1, perPage: 100 } });
  return { ...list, inForce: list.data?.find((r) => r.inForce), versions: list.data?.map((r) => r.version) ?? [] };
}

function ShowActions() {
  const r = useRecordContext<CasePolicyRecord>();
  const { canAccess: canEdit } = useCanAccess({ resource: CASE_POLICIES_RESOURCE, action: 'edit' });
  const { versions } = useInForce();
  if (!r) return null;
  return (
    <TopToolbar>
      {r.status === 'draft' && canEdit && <EditButton />}
      {r.status === 'draft' && (
        <PublishVersionButton
          resource="case-policies"
          version={r.version}
          texts={{
            button: `${P}.publish.button`, title: `${P}.publish.title`, hint: `${P}.publish.hint`, dateLabel: `${P}.fields.effectiveFrom`,
            dateHelp: `${P}.publish.dateHelp`, confirm: `${P}.publish.confirm`, done: `${P}.publish.done`,
          }}
        />
      )}
      {r.status === 'draft' && canEdit && <DeleteButton label={`${P}.deleteDraft`} mutationMode="pessimistic" />}
      {canEdit && <CreateButton label={`${P}.newDraft`} state={{ record: { version: nextPolicyVersion(r.version, versions), basedOn: r.version } }} />}
      <ListButton />
    </TopToolbar>
  );
}

function RulesView({ r }: { r: CasePolicyRecord }) {
  const translate = useTranslate();
  const days = (n: number) => `${n} ${translate(`${P}.units.workingDays`)}`;
  return (
    <>
      <SectionCard title={`${P}.sections.deadlines`}>
        <InfoGrid
          items={DEADLINE_STAGES.map((s) => ({
            label: `${P}.stages.${s}`,
            value: PRIORITIES.map((p) => `${translate(`resources.cases.enums.priority.${p}`)} ${days(r.deadlines[s][p])}`).join(' · '),
            wide: true,
          }))}
        />
      </SectionCard>
      <SectionCard title={`${P}.sections.escalation`}>
        <InfoGrid
          items={[
            { label: `${P}.fields.reminderPercent`, value: `${shareToPercent(r.escalation.reminderShare)}%` },
            { label: `${P}.fields.tier2AfterDays`, value: days(r.escalation.tier2AfterDays) },
            { label: `${P}.fields.tier3AfterDays`, value: days(r.escalation.tier3AfterDays) },
          ]}
        />
      </SectionCard>
      <SectionCard title={`${P}.sections.evidence`}>
        <InfoGrid
          items={[
            { label: `${P}.fields.minVerifiedPhotos`, value: `${r.evidence.minVerifiedPhotos} ${translate(`${P}.units.photos`)}` },
            { label: `${P}.fields.geofenceRadiusM`, value: `${r.evidence.geofenceRadiusM} ${translate(`${P}.units.metres`)}` },
            { label: `${P}.fields.clockToleranceS`, value: `${r.evidence.clockToleranceS ?? 300} ${translate(`${P}.units.seconds`)}` },
          ]}
        />
      </SectionCard>
    </>
  );
}

function Detail() {
  const r = useRecordContext<CasePolicyRecord>();
  const translate = useTranslate();
  const { inForce } = useInForce();
  if (!r) return null;
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <SectionCard title={r.version} action={<StandingChip standing={r.standing} />}>
        <InfoGrid
          items={[
            { label: `${P}.fields.effectiveFrom`, value: formatDate(r.effectiveFrom) },
            { label: `${P}.fields.cases`, value: r.cases ?? '—' },
            { label: `${P}.fields.createdBy`, value: r.createdBy },
            { label: `${P}.fields.updatedBy`, value: r.updatedBy },
            { label: `${P}.fields.updatedAt`, value: formatDateTime(r.updatedAt) },
            { label: `${P}.fields.publishedBy`, value: r.publishedBy },
            { label: `${P}.fields.publishedAt`, value: r.publishedAt && formatDateTime(r.publishedAt) },
          ]}
        />
        {r.status === 'published' && <Typography variant="caption" color="text.secondary">{translate(`${P}.immutable`)}</Typography>}
      </SectionCard>
      {r.status === 'draft' && (
        <SectionCard title={translate(`${P}.sections.changes`, { version: inForce?.version ?? '—' })}>
          <CasePolicyChanges inForce={inForce} draft={r} />
        </SectionCard>
      )}
      <RulesView r={r} />
    </Stack>
  );
}

export function CasePolicyShow() {
  return (
    <Show component="div" actions={<ShowActions />}>
      <Detail />
    </Show>
  );
}

/** A new draft: a version name and the version it copies (default: the one in force); the rules are edited next. */
export function CasePolicyCreate() {
  const translate = useTranslate();
  const location = useLocation();
  const fromState = (location.state as { record?: { version: string; basedOn: string } } | null)?.record;
  const { inForce, versions, error, isPending } = useInForce();
  if (!fromState && error) return <ErrorState error={error} />;
  if (!fromState && isPending) return <LoadingState />;
  const record = fromState ?? (inForce ? { version: nextPolicyVersion(inForce.version, versions), basedOn: inForce.version } : { version: '', basedOn: '' });
  return (
    <Create redirect="edit" record={record} transform={(d: { version: string; basedOn?: string }) => ({ version: d.version.trim(), ...(d.basedOn ? { basedOn: d.basedOn } : {}) })}>
      <SimpleForm toolbar={<Toolbar><SaveButton label={`${P}.saveDraft`} alwaysEnable /></Toolbar>}>
        <Typography variant="body2" color="text.secondary">{translate(`${P}.createHint`)}</Typography>
        <TextInput source="version" label={`${P}.fields.version`} validate={required()} />
        <TextInput source="basedOn" label={`${P}.fields.basedOn`} />
      </SimpleForm>
    </Create>
  );
}

function EditDraft() {
  const r = useRecordContext<CasePolicyRecord>();
  const translate = useTranslate();
  const { inForce } = useInForce();
  if (!r) return null;
  return (
    <Stack spacing={2}>
      <CasePolicyForm record={toEditorValues(r)} />
      <SectionCard title={translate(`${P}.sections.changes`, { version: inForce?.version ?? '—' })}>
        <CasePolicyChanges inForce={inForce} draft={r} />
      </SectionCard>
    </Stack>
  );
}

/** Editing is for drafts only (a published version answers 409). */
export function CasePolicyEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <EditDraft />
    </Edit>
  );
}
