import { useState } from 'react';
import { Alert, Button, Card, CardContent, CardHeader, Stack, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/EditOutlined';
import { Title, useCanAccess, useLocaleState, useTranslate } from 'react-admin';
import { formatDateTime } from '../../format/dateTime';
import { ErrorState, LoadingState } from '../../ui/LoadStates';
import { enumLabel, PROBLEM_TYPES, type ProblemType } from '../cases/caseEnums';
import { DETAIL_PAGE_SX } from '../customers/pageSx';
import { MustCheckEditor } from './MustCheckEditor';
import type { MustCheckConfig } from './mustCheckModel';
import { useMustCheckItems } from './useMustCheckQueries';

const K = 'resources.must-check-items';

function ProblemTypeCard({ problemType, config, mayEdit }: { problemType: ProblemType; config: MustCheckConfig | undefined; mayEdit: boolean }) {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [editing, setEditing] = useState(false);
  const items = config?.items ?? [];
  return (
    <Card variant="outlined" data-testid="must-check-type" data-problem-type={problemType}>
      <CardHeader
        title={translate(enumLabel('problemType', problemType))}
        subheader={config ? translate(`${K}.list.updated`, { by: config.updatedBy, at: formatDateTime(config.updatedAt) }) : undefined}
        action={
          mayEdit && !editing ? (
            <Button startIcon={<EditIcon />} onClick={() => setEditing(true)} data-testid="must-check-edit">
              {translate(`${K}.list.edit`)}
            </Button>
          ) : undefined
        }
        slotProps={{ title: { variant: 'subtitle1', component: 'h2', fontWeight: 600 } }}
      />
      <CardContent sx={{ pt: 0 }}>
        {editing ? (
          <MustCheckEditor problemType={problemType} initial={items} onSaved={() => setEditing(false)} onCancel={() => setEditing(false)} />
        ) : items.length === 0 ? (
          <Typography variant="body2" color="text.secondary" data-testid="must-check-none">
            {translate(`${K}.list.notConfigured`)}
          </Typography>
        ) : (
          <Stack component="ol" spacing={0.5} sx={{ m: 0, pl: 3 }}>
            {items.map((i) => (
              <li key={i.code} data-testid="must-check-item" data-code={i.code}>
                <Typography variant="body2" component="span">
                  {locale.startsWith('zh') ? i.textZh : i.textEn}
                </Typography>{' '}
                <Typography variant="caption" color="text.secondary" component="span" sx={{ fontFamily: 'monospace' }}>
                  {i.code}
                </Typography>
              </li>
            ))}
          </Stack>
        )}
      </CardContent>
    </Card>
  );
}

/** 四必查项目: per problem type, the items an inspector must check on site; managers and admins edit them. */
export function MustCheckItemsPage() {
  const translate = useTranslate();
  const q = useMustCheckItems();
  const { canAccess: mayEdit } = useCanAccess({ resource: 'must-check-items', action: 'edit' });
  const byType = new Map((q.data ?? []).map((c) => [c.problemType, c]));
  return (
    <Stack spacing={2} sx={DETAIL_PAGE_SX}>
      <Title title={translate(`${K}.list.title`)} />
      <Alert severity="info">{translate(`${K}.list.hint`)}</Alert>
      {q.error ? (
        <ErrorState error={q.error} onRetry={() => void q.refetch()} />
      ) : !q.data ? (
        <LoadingState />
      ) : (
        PROBLEM_TYPES.map((t) => <ProblemTypeCard key={t} problemType={t} config={byType.get(t)} mayEdit={!!mayEdit} />)
      )}
    </Stack>
  );
}
