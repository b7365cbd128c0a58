import { Stack, Typography } from '@mui/material';
import { DeleteButton, EditButton, Show, TopToolbar, useRecordContext } from 'react-admin';
import { InfoGrid } from '../../ui/InfoGrid';
import { formatDate, formatDateTime } from '../../format/dateTime';
import { EnumText } from '../content/StatusChip';

function Body() {
  const r = useRecordContext();
  if (!r) return null;
  const f = (k: string) => `resources.regulations.fields.${k}`;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Typography variant="h6">{r.title}</Typography>
      <InfoGrid
        items={[
          { label: f('kind'), value: <EnumText resource="regulations" source="kind" /> },
          { label: f('issuer'), value: r.issuer },
          { label: f('docNo'), value: r.docNo },
          { label: f('effectiveOn'), value: r.effectiveOn ? formatDate(r.effectiveOn) : null },
          { label: f('updatedAt'), value: `${formatDateTime(r.updatedAt)}${r.updatedBy ? ` · ${r.updatedBy}` : ''}` },
          { label: f('id'), value: r.id },
          { label: f('summary'), value: r.summary, wide: true },
        ]}
      />
      <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap' }} data-testid="regulation-body">
        {r.body}
      </Typography>
    </Stack>
  );
}

/** One document with its full text; edit and delete buttons show only to managers and admins (canAccess). */
export function RegulationShow() {
  return (
    <Show
      actions={
        <TopToolbar>
          <EditButton />
          <DeleteButton mutationMode="pessimistic" />
        </TopToolbar>
      }
    >
      <Body />
    </Show>
  );
}
