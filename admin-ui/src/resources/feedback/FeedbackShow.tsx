import { Divider, Stack, Typography } from '@mui/material';
import { Link, Show, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { InfoGrid } from '../../ui/InfoGrid';
import { formatDateTime } from '../../format/dateTime';
import { EnumText, StatusChip } from '../content/StatusChip';
import { FeedbackStatusActions } from './FeedbackStatusActions';

function Body() {
  const r = useRecordContext();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!r) return null;
  const f = (k: string) => `resources.feedback.fields.${k}`;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} alignItems="center" justifyContent="space-between" flexWrap="wrap" useFlexGap>
        <StatusChip resource="feedback" source="status" />
        <FeedbackStatusActions record={{ id: String(r.id), actions: r.actions }} />
      </Stack>
      <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap' }}>
        {r.text}
      </Typography>
      <InfoGrid
        items={[
          { label: f('category'), value: <EnumText resource="feedback" source="category" /> },
          { label: f('username'), value: r.userName ? `${r.userName}（${r.username}）` : r.username },
          { label: f('orgUnitId'), value: r.orgUnitName ?? r.orgUnitId },
          { label: f('createdAt'), value: formatDateTime(r.createdAt) },
          { label: f('deviceId'), value: r.deviceId },
          { label: f('appVersion'), value: r.appVersion },
          {
            label: f('caseId'),
            value: r.caseId ? <Link to={createPath({ resource: 'cases', id: r.caseId, type: 'show' })}>{r.caseNo ?? r.caseId}</Link> : null,
          },
          { label: f('handledBy'), value: r.handledBy },
        ]}
      />
      <Divider />
      <Typography variant="subtitle2">{translate(f('reply'))}</Typography>
      {r.reply ? (
        <>
          <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap' }} data-testid="feedback-reply">
            {r.reply}
          </Typography>
          <Typography variant="caption" color="text.secondary">
            {translate('resources.feedback.repliedBy', { who: r.repliedBy ?? '—', time: formatDateTime(r.repliedAt) })}
          </Typography>
        </>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.feedback.noReply')}
        </Typography>
      )}
    </Stack>
  );
}

export function FeedbackShow() {
  return (
    <Show actions={false}>
      <Body />
    </Show>
  );
}
