import { Stack, Typography } from '@mui/material';
import { DeleteButton, EditButton, Show, TopToolbar, useRecordContext, useTranslate } from 'react-admin';
import { InfoGrid } from '../../ui/InfoGrid';
import { formatDateTime } from '../../format/dateTime';
import { StatusChip } from '../content/StatusChip';
import { AddresseeText } from './AddresseeText';

/** Edit and withdraw only for the announcements the caller manages (the API's `editable`). */
function Actions() {
  const record = useRecordContext();
  if (!record?.editable) return <TopToolbar />;
  return (
    <TopToolbar>
      <EditButton />
      <DeleteButton mutationMode="pessimistic" confirmTitle="resources.announcements.withdrawTitle" label="resources.announcements.withdraw" />
    </TopToolbar>
  );
}

function Body() {
  const a = useRecordContext();
  const translate = useTranslate();
  if (!a) return null;
  const f = (k: string) => `resources.announcements.fields.${k}`;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap" useFlexGap>
        <Typography variant="h6">{a.title}</Typography>
        <StatusChip resource="announcements" source="state" />
        {a.pinned && <Typography variant="caption" color="warning.main">{translate(f('pinned'))}</Typography>}
      </Stack>
      <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap' }}>
        {a.body}
      </Typography>
      <InfoGrid
        items={[
          { label: f('orgUnitId'), value: <AddresseeText /> },
          { label: f('publishedAt'), value: formatDateTime(a.publishedAt) },
          { label: f('expiresAt'), value: a.expiresAt ? formatDateTime(a.expiresAt) : translate('resources.announcements.noExpiry') },
          { label: f('createdBy'), value: a.createdBy },
          { label: f('updatedAt'), value: `${formatDateTime(a.updatedAt)}${a.updatedBy ? ` · ${a.updatedBy}` : ''}` },
        ]}
      />
    </Stack>
  );
}

export function AnnouncementShow() {
  return (
    <Show actions={<Actions />}>
      <Body />
    </Show>
  );
}
