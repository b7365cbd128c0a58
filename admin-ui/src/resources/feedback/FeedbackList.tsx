import { useMediaQuery, type Theme } from '@mui/material';
import { DataTable, List, SearchInput, SelectArrayInput, SelectInput, SimpleList, TextField, useTranslate } from 'react-admin';
import { contentChoices, contentLabel, FEEDBACK_CATEGORIES, FEEDBACK_STATUSES } from '../content/contentEnums';
import { ContentDateTime } from '../content/ContentDateTime';
import { EnumText, StatusChip } from '../content/StatusChip';
import { formatDateTime } from '../../format/dateTime';

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectArrayInput key="status" source="status" choices={contentChoices('feedback', 'status', FEEDBACK_STATUSES)} alwaysOn sx={{ minWidth: 160 }} />,
  <SelectInput key="category" source="category" choices={contentChoices('feedback', 'category', FEEDBACK_CATEGORIES)} />,
];

const TEXT_SX = { '& td.column-text': { maxWidth: '28em', whiteSpace: 'normal' } } as const;

/** 意见反馈 from terminals inside the caller's unit; new ones first to hand. */
export function FeedbackList() {
  const narrow = useMediaQuery((theme: Theme) => theme.breakpoints.down('md'));
  const translate = useTranslate();
  return (
    <List sort={{ field: 'createdAt', order: 'DESC' }} filters={filters} filterDefaultValues={{ status: ['open', 'in_progress'] }}>
      {narrow ? (
        <SimpleList
          linkType="show"
          primaryText={(r) => r.text}
          secondaryText={(r) => `${translate(contentLabel('feedback', 'status', r.status))} · ${translate(contentLabel('feedback', 'category', r.category))} · ${r.userName ?? r.username}`}
          tertiaryText={(r) => formatDateTime(r.createdAt)}
        />
      ) : (
        <DataTable rowClick="show" bulkActionButtons={false} sx={TEXT_SX}>
          <DataTable.Col source="createdAt">
            <ContentDateTime source="createdAt" />
          </DataTable.Col>
          <DataTable.Col source="category">
            <EnumText resource="feedback" source="category" />
          </DataTable.Col>
          <DataTable.Col source="text" disableSort>
            <TextField source="text" />
          </DataTable.Col>
          <DataTable.Col source="username" render={(r) => r.userName ? `${r.userName}（${r.username}）` : r.username} />
          <DataTable.Col source="orgUnitId" render={(r) => r.orgUnitName ?? r.orgUnitId} />
          <DataTable.Col source="status">
            <StatusChip resource="feedback" source="status" />
          </DataTable.Col>
        </DataTable>
      )}
    </List>
  );
}
