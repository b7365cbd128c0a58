import { Box, Chip, Tab, Tabs, Typography } from '@mui/material';
import { useListContext, useTranslate } from 'react-admin';
import { ErrorState } from '../../ui/LoadStates';
import { EscalationTierChip } from './show/EscalationTierChip';
import { CASE_LIST_VIEWS, emptyKey, handlerText, totalText, viewOf, withView, type HandlerFacts } from './caseListModel';
import { useRecordContext } from 'react-admin';
import type { CaseRecord } from './caseEnums';

/** The saved views (我的待办, 超期, 待我复核, 三级督办, 疑似虚假工单) as tabs bound to `filter.view`. */
export function CaseViewTabs() {
  const translate = useTranslate();
  const { filterValues, displayedFilters, setFilters } = useListContext();
  const current = viewOf(filterValues);
  return (
    <Tabs
      value={current}
      onChange={(_, v: string) => setFilters(withView(filterValues, v === 'all' ? undefined : (v as (typeof CASE_LIST_VIEWS)[number])), displayedFilters)}
      variant="scrollable"
      scrollButtons="auto"
      allowScrollButtonsMobile
      aria-label={translate('cockpit.views.label')}
      sx={{ borderBottom: 1, borderColor: 'divider', maxWidth: '100%' }}
      data-testid="case-views"
    >
      <Tab value="all" label={translate('cockpit.views.all')} data-testid="case-view-all" />
      {CASE_LIST_VIEWS.map((v) => (
        <Tab key={v} value={v} label={translate(`cockpit.views.${v}`)} data-testid={`case-view-${v}`} />
      ))}
    </Tabs>
  );
}

/** "共 N 条" / "共 10000+ 条" beside the list's buttons. */
export function CaseTotal() {
  const translate = useTranslate();
  const { total, meta, isPending, error } = useListContext();
  if (isPending || error) return null;
  const text = totalText(total, (meta as { totalCapped?: boolean } | undefined)?.totalCapped === true, translate);
  return text ? (
    <Typography variant="body2" color="text.secondary" sx={{ alignSelf: 'center', mr: 1, whiteSpace: 'nowrap' }} data-testid="case-total">
      {text}
    </Typography>
  ) : null;
}

/** A failed load: an error panel with the reason and a retry, never the empty list. */
export function CaseListError() {
  const { error, refetch } = useListContext();
  return (
    <Box sx={{ p: 2 }}>
      <ErrorState title="cockpit.errors.listTitle" error={error} onRetry={() => void refetch()} />
    </Box>
  );
}

/** No case under the filters; with only the default filter, where the finished ones are. */
export function CaseListEmpty() {
  const translate = useTranslate();
  const { filterValues } = useListContext();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ p: 2 }} data-testid="case-list-empty">
      {translate(emptyKey(filterValues))}
    </Typography>
  );
}

/** 处理人: the name on one line, the station below it in small print (a narrow column stays two lines high). */
export function HandlerCell() {
  const translate = useTranslate();
  const record = useRecordContext<CaseRecord & HandlerFacts>();
  if (!record) return null;
  const text = handlerText(record, translate);
  if (text && record.handler && record.handlerStation) {
    return (
      <span data-testid="case-handler">
        {record.handlerName || record.handler}
        <Typography variant="caption" color="text.secondary" component="span" sx={{ display: 'block', whiteSpace: 'nowrap' }}>
          {record.handlerStation}
        </Typography>
      </span>
    );
  }
  return <span data-testid="case-handler">{text ?? '—'}</span>;
}

export function EscalationCell() {
  const record = useRecordContext<CaseRecord>();
  if (!record || !record.escalationTier) return <span>—</span>;
  return <EscalationTierChip tier={record.escalationTier} />;
}

export function ProblemTypeCell() {
  const translate = useTranslate();
  const record = useRecordContext<CaseRecord>();
  if (!record?.problemType) return <span>—</span>;
  return <Chip size="small" variant="outlined" label={translate(`resources.cases.enums.problemType.${record.problemType}`, { _: record.problemType })} />;
}
