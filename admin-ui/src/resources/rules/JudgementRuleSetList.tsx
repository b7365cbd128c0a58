import { Chip, Stack } from '@mui/material';
import { CreateButton, DataTable, List, TopToolbar, useTranslate } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import type { JudgementRuleSetRecord } from './judgementEditorModel';

const Col = DataTable.Col<JudgementRuleSetRecord>;

export function RuleStatusChips({ status, active }: { status: 'draft' | 'published'; active: boolean }) {
  const translate = useTranslate();
  return (
    <Stack direction="row" spacing={0.5}>
      <Chip size="small" variant={status === 'draft' ? 'outlined' : 'filled'} label={translate(`resources.judgement-rule-sets.enums.status.${status}`)} />
      {active && <Chip size="small" color="success" label={translate('resources.judgement-rule-sets.inForce')} />}
    </Stack>
  );
}

/** 初判规则: every version, newest first; the one in force marked. */
export function JudgementRuleSetList() {
  return (
    <List perPage={100} pagination={false} exporter={false} actions={<TopToolbar><CreateButton /></TopToolbar>}>
      <DataTable rowClick="show" bulkActionButtons={false} sx={{ '& .MuiTableCell-body': { whiteSpace: 'nowrap' } }}>
        <Col source="version" disableSort />
        <Col source="status" disableSort render={(r) => <RuleStatusChips status={r.status} active={r.active} />} />
        <Col source="rules" disableSort render={(r) => r.document.rules.length} />
        <Col source="createdBy" disableSort />
        <Col source="createdAt" disableSort render={(r) => formatDateTime(r.createdAt)} />
        <Col source="publishedAt" disableSort render={(r) => formatDateTime(r.publishedAt)} />
      </DataTable>
    </List>
  );
}
