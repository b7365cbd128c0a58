import { useState } from 'react';
import { Box, FormControlLabel, Stack, Switch, Typography } from '@mui/material';
import { CreateButton, EditButton, ListButton, Show, TopToolbar, useCanAccess, useLocaleState, usePermissions, useRecordContext, useTranslate } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import { InfoGrid } from '../../ui/InfoGrid';
import { SectionCard } from '../../ui/SectionCard';
import { RowsTable } from '../customers/RowsTable';
import { nextVersion, toEditorValues } from './judgementEditorModel';
import { RuleStatusChips } from './JudgementRuleSetList';
import { PublishRuleSetButton } from './PublishRuleSetButton';
import type { JudgementRuleSetRecord } from './judgementEditorModel';
import { RuleVersionCases } from './RuleVersionCases';
import { useParamsText, useSourceText } from './RuleParamsFields';
import { DETAIL_PAGE_SX } from '../customers/pageSx';

const F = 'resources.judgement-rule-sets.fields';

function Actions() {
  const r = useRecordContext<JudgementRuleSetRecord>();
  return (
    <TopToolbar>
      {r?.status === 'draft' && <EditButton />}
      {r?.status === 'draft' && <PublishRuleSetButton kind="judgement" version={r.version} />}
      {r && (
        <CreateButton
          label="resources.judgement-rule-sets.newFrom"
          state={{ record: toEditorValues(r.document, { newVersion: nextVersion(r.version) }) }}
        />
      )}
      <ListButton />
    </TopToolbar>
  );
}

/** The version's page body (exported for its test). */
export function JudgementRuleSetDetail() {
  const r = useRecordContext<JudgementRuleSetRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const { canAccess: seesUsage } = useCanAccess({ resource: 'rule-versions', action: 'list' });
  const { permissions } = usePermissions<string[]>();
  const isAdmin = Array.isArray(permissions) && permissions.includes('admin');
  const [json, setJson] = useState(false);
  const paramsText = useParamsText();
  const sourceText = useSourceText();
  if (!r) return null;
  const d = r.document;
  const zh = locale.startsWith('zh');
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <SectionCard title={r.version} action={<RuleStatusChips status={r.status} active={r.active} />}>
        <InfoGrid
          items={[
            { label: `${F}.source`, value: sourceText(d.source), wide: true },
            { label: `${F}.thresholds`, value: `${d.priorityThresholds.urgent} / ${d.priorityThresholds.high} / ${d.priorityThresholds.normal}` },
            { label: `${F}.campaignMinScore`, value: d.campaignMinScore },
            { label: `${F}.createdBy`, value: r.createdBy },
            { label: `${F}.createdAt`, value: formatDateTime(r.createdAt) },
            { label: `${F}.publishedAt`, value: r.publishedAt && formatDateTime(r.publishedAt) },
            { label: `${F}.effectiveFrom`, value: r.effectiveFrom },
          ]}
        />
        {r.status === 'published' && (
          <Typography variant="caption" color="text.secondary">
            {translate('resources.judgement-rule-sets.immutable')}
          </Typography>
        )}
      </SectionCard>
      <SectionCard
        title="resources.judgement-rule-sets.sections.rules"
        action={isAdmin ? <FormControlLabel control={<Switch size="small" checked={json} onChange={(e) => setJson(e.target.checked)} />} label={translate('resources.judgement-rule-sets.showJson')} /> : undefined}
      >
        <RowsTable
          rows={d.rules}
          rowKey={(x) => x.code}
          empty="resources.judgement-rule-sets.noRules"
          columns={[
            { key: 'code', label: `${F}.code`, render: (x) => x.code },
            { key: 'kind', label: `${F}.kind`, render: (x) => translate(`resources.judgement-rule-sets.enums.kind.${x.kind}`, { _: x.kind }) },
            { key: 'anomalyType', label: `${F}.anomalyType`, render: (x) => translate(`resources.judgement-rule-sets.enums.anomalyType.${x.anomalyType}`, { _: x.anomalyType }) },
            { key: 'weight', label: `${F}.weight`, render: (x) => x.weight, align: 'right' },
            { key: 'text', label: `${F}.text`, render: (x) => (zh ? x.textZh : x.textEn), wrap: true },
            {
              key: 'params',
              label: `${F}.params`,
              render: (x) =>
                json ? (
                  <Box component="code" sx={{ fontSize: 12, whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>
                    {JSON.stringify(x.params)}
                  </Box>
                ) : (
                  paramsText(x.kind, x.params as Record<string, unknown>)
                ),
              wrap: true,
            },
            { key: 'checkItems', label: `${F}.checkItems`, render: (x) => x.checkItems.map((c) => (zh ? c.textZh : c.textEn)).join('；'), wrap: true },
          ]}
        />
      </SectionCard>
      {seesUsage && (
        <SectionCard title="resources.rule-versions.casesUsing">
          <RuleVersionCases kind="judgement" version={r.version} />
        </SectionCard>
      )}
    </Stack>
  );
}

export function JudgementRuleSetShow() {
  return (
    <Show component="div" actions={<Actions />}>
      <JudgementRuleSetDetail />
    </Show>
  );
}
