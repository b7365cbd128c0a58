import { Stack, Typography } from '@mui/material';
import {
  Create,
  CreateButton,
  DataTable,
  Edit,
  EditButton,
  List,
  ListButton,
  Show,
  TopToolbar,
  useCanAccess,
  useGetList,
  useRecordContext,
  useTranslate,
} from 'react-admin';
import { useLocation } from 'react-router-dom';
import { formatDate, formatDateTime } from '../../format/dateTime';
import { InfoGrid } from '../../ui/InfoGrid';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { nextVersion } from './judgementEditorModel';
import { RuleStatusChips } from './JudgementRuleSetList';
import { articlesOf, draftFrom, figureText, type PenaltyEditorValues } from './penaltyEditorModel';
import { PenaltyRuleSetForm } from './PenaltyRuleSetForm';
import { chinaToday, PublishRuleSetButton } from './PublishRuleSetButton';
import type { PenaltyRuleSetRecord } from './penaltyEditorModel';
import { RuleVersionCases } from './RuleVersionCases';
import { DETAIL_PAGE_SX } from '../customers/pageSx';

const Col = DataTable.Col<PenaltyRuleSetRecord>;
const P = 'resources.penalty-rule-sets.fields';

/** 违约金规则: every version, latest effective date first; the one in force today marked. */
export function PenaltyRuleSetList() {
  return (
    <List perPage={100} pagination={false} exporter={false} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <DataTable rowClick="show" bulkActionButtons={false} sx={{ '& .MuiTableCell-body': { whiteSpace: 'nowrap' } }}>
        <Col source="version" disableSort />
        <Col source="status" disableSort render={(r) => <RuleStatusChips status={r.status} active={r.active} />} />
        <Col source="effectiveFrom" disableSort render={(r) => formatDate(r.effectiveFrom)} />
        <Col source="source" disableSort render={(r) => <Typography variant="body2" sx={{ whiteSpace: 'normal', minWidth: '14em' }}>{r.source}</Typography>} />
        <Col source="publishedAt" disableSort render={(r) => formatDateTime(r.publishedAt)} />
      </DataTable>
    </List>
  );
}

function ShowActions() {
  const r = useRecordContext<PenaltyRuleSetRecord>();
  const { canAccess: canEdit } = useCanAccess({ resource: 'penalty-rule-sets', action: 'edit' });
  return (
    <TopToolbar>
      {r?.status === 'draft' && canEdit && <EditButton />}
      {r?.status === 'draft' && <PublishRuleSetButton kind="penalty" version={r.version} proposedDate={r.effectiveFrom} />}
      {r && <CreateButton label="resources.penalty-rule-sets.newFrom" state={{ record: draftFrom(r, nextVersion(r.version), chinaToday()) }} />}
      <ListButton />
    </TopToolbar>
  );
}

function Detail() {
  const r = useRecordContext<PenaltyRuleSetRecord>();
  const translate = useTranslate();
  const { canAccess: seesUsage } = useCanAccess({ resource: 'rule-versions', action: 'list' });
  if (!r) return null;
  const c = r.rules.capacity;
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <SectionCard title={r.version} action={<RuleStatusChips status={r.status} active={r.active} />}>
        <InfoGrid
          items={[
            { label: `${P}.source`, value: r.source, wide: true },
            { label: `${P}.effectiveFrom`, value: formatDate(r.effectiveFrom) },
            { label: `${P}.publishedAt`, value: r.publishedAt && formatDateTime(r.publishedAt) },
            { label: `${P}.createdAt`, value: formatDateTime(r.createdAt) },
          ]}
        />
        {r.status === 'published' && (
          <Typography variant="caption" color="text.secondary">
            {translate('resources.judgement-rule-sets.immutable')}
          </Typography>
        )}
      </SectionCard>
      <SectionCard title="resources.penalty-rule-sets.sections.rules">
        <InfoGrid
          items={[
            {
              label: 'resources.penalty-rule-sets.sections.wrongTariff',
              value: translate('resources.penalty-rule-sets.summary.wrongTariff', { ...r.rules.wrongTariff, penaltyMultiplier: figureText(r.rules.wrongTariff.penaltyMultiplier, translate) }),
              wide: true,
            },
            {
              label: 'resources.penalty-rule-sets.sections.theft',
              value: translate('resources.penalty-rule-sets.summary.theft', {
                penaltyMultiplier: figureText(r.rules.theft.penaltyMultiplier, translate),
                defaultDays: r.rules.theft.defaultDays,
                power: r.rules.theft.hoursPerDay.power,
                lighting: r.rules.theft.hoursPerDay.lighting,
              }),
              wide: true,
            },
            {
              label: 'resources.penalty-rule-sets.sections.capacity',
              value:
                c.mode === 'per_kva'
                  ? translate('resources.penalty-rule-sets.summary.capacityPerKva', { ...c, penaltyYuanPerKva: figureText(c.penaltyYuanPerKva, translate) })
                  : c.mode === 'by_tariff_structure'
                    ? translate('resources.penalty-rule-sets.summary.capacityByStructure', {
                      defaultMonths: c.defaultMonths, twoPart: figureText(c.twoPart.penaltyMultiplier, translate), single: figureText(c.single.penaltyYuanPerKw, translate),
                    })
                    : translate('resources.penalty-rule-sets.summary.capacityMultiple', { ...c, penaltyMultiplier: figureText(c.penaltyMultiplier, translate) }),
              wide: true,
            },
            // rule sets from 2024 cite an article per figure (one per line); earlier ones name theirs in the source
            ...(articlesOf(r.rules).length === 0 ? [] : [{
              label: 'resources.penalty-rule-sets.sections.articles',
              value: articlesOf(r.rules)
                .map((a) => `${a.no ?? translate('resources.penalty-rule-sets.articleNoUnknown')}：${a.text}${a.verified ? '' : translate('resources.penalty-rule-sets.unverified')}`)
                .join('\n'),
              wide: true,
            }]),
          ]}
        />
      </SectionCard>
      {seesUsage && (
        <SectionCard title="resources.rule-versions.casesUsing">
          <RuleVersionCases kind="penalty" version={r.version} />
        </SectionCard>
      )}
    </Stack>
  );
}

export function PenaltyRuleSetShow() {
  return (
    <Show component="div" actions={<ShowActions />}>
      <Detail />
    </Show>
  );
}

/** A new draft: from the version the manager came from, else from the latest one. */
export function PenaltyRuleSetCreate() {
  const location = useLocation();
  const fromState = (location.state as { record?: PenaltyEditorValues } | null)?.record;
  const latest = useGetList<PenaltyRuleSetRecord>('penalty-rule-sets', { pagination: { page: 1, perPage: 100 } }, { enabled: !fromState });
  if (!fromState && latest.error) return <ErrorState error={latest.error} />;
  if (!fromState && latest.isPending) return <LoadingState />;
  const base = latest.data?.find((r) => r.active) ?? latest.data?.[0];
  const record = fromState ?? (base ? draftFrom(base, nextVersion(base.version), chinaToday()) : undefined);
  return (
    <Create redirect="show" record={record}>
      <PenaltyRuleSetForm mode="create" />
    </Create>
  );
}

/** Editing is for drafts only (a published version answers 409). */
export function PenaltyRuleSetEdit() {
  return (
    <Edit mutationMode="pessimistic" redirect="show">
      <PenaltyRuleSetForm mode="edit" />
    </Edit>
  );
}
