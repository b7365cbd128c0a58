import { Chip, Stack } from '@mui/material';
import { ListButton, Show, TopToolbar, useLocaleState, useRecordContext, useTranslate } from 'react-admin';
import { formatDate, formatDateTime } from '../../format/dateTime';
import { InfoGrid } from '../../ui/InfoGrid';
import { SectionCard } from '../../ui/SectionCard';
import { CampaignActions } from './CampaignActions';
import { CampaignProgressBar } from './CampaignProgressBar';
import { CampaignSelections } from './CampaignSelections';
import { displayStatus, progressOf, type CampaignRecord } from './campaignProgressModel';
import { CampaignDraftPreview } from './CampaignDraftPreview';
import { PreviewCustomersTable } from '../flags/PreviewCustomersTable';
import { formatRate } from '../flags/flagModel';
import { ruleLabel } from './ruleLabel';
import { useOrgUnitNames } from '../../ui/orgUnits/useOrgUnits';
import { DETAIL_PAGE_SX } from '../customers/pageSx';

/** While a campaign runs its page polls GET /api/campaigns/:id (the workflow's live progress). */
export const POLL_MS = 2_000;
const isLive = (c: CampaignRecord | undefined) => !!c && (c.status === 'running' || c.status === 'paused');

const F = 'resources.campaigns.fields';

function CampaignDetail() {
  const c = useRecordContext<CampaignRecord>();
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const unitName = useOrgUnitNames();
  if (!c) return null;
  const status = displayStatus(c);
  const p = progressOf(c);
  const rules = new Map(c.rules.map((r) => [r.code, r]));
  const ruleName = (code: string) => {
    const r = rules.get(code);
    return r ? (locale.startsWith('zh') ? r.textZh : r.textEn) : code;
  };
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <SectionCard
        title={c.name}
        action={
          <Chip
            data-testid="campaign-status"
            label={translate(`resources.campaigns.enums.status.${status}`)}
            color={status === 'running' ? 'primary' : status === 'paused' ? 'warning' : status === 'completed' ? 'success' : 'default'}
          />
        }
      >
        <Stack spacing={2}>
          {/* a draft has no progress yet: what 启动 would do takes the bar's place */}
          {status === 'draft' ? <CampaignDraftPreview campaignId={c.id} ruleName={ruleName} /> : <CampaignProgressBar record={c} />}
          {status === 'draft' && <PreviewCustomersTable campaignId={c.id} ruleName={(code) => (rules.has(code) ? ruleName(code) : undefined)} />}
          <CampaignActions record={c} />
        </Stack>
      </SectionCard>
      <SectionCard title="resources.campaigns.sections.definition">
        <InfoGrid
          items={[
            { label: `${F}.theme`, value: c.theme },
            { label: `${F}.scope`, value: c.scope.map((code) => `${unitName(code)} (${code})`).join('、') },
            { label: `${F}.ruleSetVersion`, value: c.ruleSetVersion },
            { label: `${F}.minScore`, value: c.minScore },
            { label: `${F}.minExpectedRatePercent`, value: c.minExpectedRate === null ? null : formatRate(c.minExpectedRate) },
            { label: `${F}.caseCap`, value: c.caseCap },
            { label: `${F}.batchSize`, value: c.batchSize },
            { label: `${F}.asOfMonth`, value: c.asOfMonth },
            { label: `${F}.fieldDeadline`, value: c.fieldDeadline && formatDate(c.fieldDeadline) },
            { label: `${F}.endsOn`, value: c.endsOn && formatDate(c.endsOn) },
            { label: `${F}.matched`, value: c.progress?.matched ?? c.matched },
            { label: `${F}.createdBy`, value: c.createdBy },
            { label: `${F}.createdAt`, value: formatDateTime(c.createdAt) },
            { label: `${F}.startedAt`, value: c.startedAt && formatDateTime(c.startedAt) },
            { label: `${F}.completedAt`, value: c.completedAt && formatDateTime(c.completedAt) },
            { label: `${F}.rules`, value: c.rules.map((r) => ruleLabel(r, locale)).join('；'), wide: true },
          ]}
        />
      </SectionCard>
      <CampaignSelections campaignId={c.id} refetchInterval={isLive(c) ? POLL_MS * 3 : false} revision={`${status}:${p.created}:${p.failed}`} />
    </Stack>
  );
}

export function CampaignShow() {
  return (
    <Show
      component="div"
      actions={
        <TopToolbar>
          <ListButton />
        </TopToolbar>
      }
      queryOptions={{ refetchInterval: (query) => (isLive(query.state.data as CampaignRecord | undefined) ? POLL_MS : false) }}
    >
      <CampaignDetail />
    </Show>
  );
}
