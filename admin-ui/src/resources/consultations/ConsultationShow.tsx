import { Divider, Stack, Typography } from '@mui/material';
import { Link, Show, useCreatePath, useRecordContext, useTranslate } from 'react-admin';
import { InfoGrid } from '../../ui/InfoGrid';
import { formatDateTime } from '../../format/dateTime';
import { EnumText, StatusChip } from '../content/StatusChip';
import { ConsultationActions } from './ConsultationActions';

function Body() {
  const r = useRecordContext();
  const translate = useTranslate();
  const createPath = useCreatePath();
  if (!r) return null;
  const f = (k: string) => `resources.consultations.fields.${k}`;
  return (
    <Stack spacing={2} sx={{ p: 2 }}>
      <Stack direction="row" spacing={1} alignItems="center" justifyContent="space-between" flexWrap="wrap" useFlexGap>
        <Stack direction="row" spacing={1} alignItems="center">
          <Typography variant="h6">{r.subject}</Typography>
          <StatusChip resource="consultations" source="status" />
        </Stack>
        <ConsultationActions record={{ id: String(r.id), actions: r.actions }} />
      </Stack>
      <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap' }}>
        {r.question}
      </Typography>
      <InfoGrid
        items={[
          { label: f('topic'), value: <EnumText resource="consultations" source="topic" /> },
          { label: f('askedBy'), value: r.askedByName ? `${r.askedByName}（${r.askedBy}）` : r.askedBy },
          { label: f('orgUnitId'), value: r.orgUnitName ?? r.orgUnitId },
          { label: f('createdAt'), value: formatDateTime(r.createdAt) },
          {
            label: f('caseId'),
            value: r.caseId ? <Link to={createPath({ resource: 'cases', id: r.caseId, type: 'show' })}>{r.caseNo ?? r.caseId}</Link> : null,
          },
          { label: f('closedAt'), value: r.closedAt ? `${formatDateTime(r.closedAt)} · ${r.closedBy ?? ''}` : null },
        ]}
      />
      <Divider />
      <Typography variant="subtitle2">{translate(f('answer'))}</Typography>
      {r.answer ? (
        <>
          <Typography variant="body1" sx={{ whiteSpace: 'pre-wrap' }} data-testid="consultation-answer">
            {r.answer}
          </Typography>
          {r.regulationId && (
            <Typography variant="body2">
              {translate(f('regulationId'))}：
              <Link to={createPath({ resource: 'regulations', id: r.regulationId, type: 'show' })}>{r.regulationTitle ?? r.regulationId}</Link>
            </Typography>
          )}
          <Typography variant="caption" color="text.secondary">
            {translate('resources.consultations.answeredBy', { who: r.answeredBy ?? '—', time: formatDateTime(r.answeredAt) })}
          </Typography>
        </>
      ) : (
        <Typography variant="body2" color="text.secondary">
          {translate('resources.consultations.noAnswer')}
        </Typography>
      )}
    </Stack>
  );
}

export function ConsultationShow() {
  return (
    <Show actions={false}>
      <Body />
    </Show>
  );
}
