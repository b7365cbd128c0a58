import { Box, Chip, Link, List as MuiList, ListItemButton, ListItemText, Stack, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import { Link as RouterLink } from 'react-router-dom';
import { Title, useDataProvider, useGetList, useTranslate } from 'react-admin';
import { useJichaIdentity } from '../../auth/useJichaIdentity';
import type { JichaDataProvider } from '../../data/dataProvider';
import { formatDateTime } from '../../format/dateTime';
import { inboxKey, INBOX_REFRESH_MS } from '../../layout/NotificationBell';
import { EmptyState, ErrorState, LoadingState } from '../../ui/LoadStates';
import { SectionCard } from '../../ui/SectionCard';
import { enumLabel, type CaseRecord } from '../cases/caseEnums';
import { handlerText } from '../cases/caseListModel';
import { WorkingDaysLeft } from '../cases/WorkingDaysLeft';
import { caseListLink, introRole, taskSections, type TaskSection } from './myTasksModel';

const SHOWN = 5;
const T = 'cockpit.tasks';

/** One section: how many, the first few (nearest deadline first as the list sorts them), and the way to all of them. */
function TaskSectionCard({ section }: { section: TaskSection }) {
  const translate = useTranslate();
  const q = useGetList<CaseRecord>(
    'cases',
    { pagination: { page: 1, perPage: SHOWN }, sort: { field: 'createdAt', order: 'DESC' }, filter: { status: 'open', view: section.view } },
    { refetchInterval: INBOX_REFRESH_MS, onError: () => undefined },
  );
  const capped = (q.meta as { totalCapped?: boolean } | undefined)?.totalCapped === true;
  const count = q.total ?? q.data?.length;
  return (
    <SectionCard
      title={`${T}.sections.${section.key}`}
      data-testid={`tasks-${section.key}`}
      action={
        count !== undefined && !q.error ? (
          <Chip size="small" color={count > 0 ? 'primary' : 'default'} label={translate(capped ? `${T}.countCapped` : `${T}.count`, { smart_count: count })} data-testid="tasks-count" />
        ) : undefined
      }
    >
      {q.error ? (
        <ErrorState title={`${T}.sections.${section.key}`} error={q.error} onRetry={() => void q.refetch()} />
      ) : q.isPending ? (
        <LoadingState />
      ) : q.data.length === 0 ? (
        <EmptyState message={`${T}.none`} />
      ) : (
        <Stack spacing={1}>
          <MuiList dense disablePadding>
            {q.data.map((c) => (
              <ListItemButton key={c.id} component={RouterLink} to={`/cases/${c.id}/show`} divider sx={{ px: 0, flexWrap: 'wrap', gap: 1 }}>
                <ListItemText
                  primary={`${c.caseNo} · ${c.customerName}`}
                  secondary={[translate(enumLabel('stage', c.stage)), handlerText(c, translate)].filter(Boolean).join(' · ')}
                  sx={{ minWidth: 0, overflowWrap: 'anywhere' }}
                />
                <WorkingDaysLeft facts={c} />
              </ListItemButton>
            ))}
          </MuiList>
          <Link component={RouterLink} to={caseListLink(section.view)} data-testid="tasks-open-list">
            {translate(`${T}.openList`)}
          </Link>
        </Stack>
      )}
    </SectionCard>
  );
}

/** The bell's messages (reminders, escalations), each opening its case. */
function InboxSection() {
  const translate = useTranslate();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const inbox = useQuery({ queryKey: inboxKey, queryFn: () => dataProvider.getNotifications(), refetchInterval: INBOX_REFRESH_MS });
  return (
    <SectionCard title={`${T}.sections.inbox`} data-testid="tasks-inbox">
      {inbox.isPending ? (
        <LoadingState />
      ) : inbox.isError ? (
        <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
      ) : inbox.data.length === 0 ? (
        <EmptyState message="app.inbox.empty" />
      ) : (
        <MuiList dense disablePadding>
          {inbox.data.slice(0, 10).map((n) => (
            <ListItemButton
              key={n.id}
              component={RouterLink}
              to={n.caseId ? `/cases/${n.caseId}/show` : '/my-tasks'}
              divider
              sx={{ px: 0 }}
            >
              <ListItemText
                primary={`${translate(`app.inbox.kinds.${n.kind}`, { _: n.kind })} · ${n.title}`}
                secondary={`${n.body} · ${formatDateTime(n.createdAt)}`}
                sx={{ minWidth: 0, overflowWrap: 'anywhere' }}
              />
            </ListItemButton>
          ))}
        </MuiList>
      )}
    </SectionCard>
  );
}

/** 我的待办: what the user's roles must act on, section by section, with links to the cases and the filtered list. */
export function MyTasksPage() {
  const translate = useTranslate();
  const identity = useJichaIdentity();
  const roles = identity?.roles ?? [];
  const sections = taskSections(roles);
  return (
    <Box sx={{ my: 2, minWidth: 0 }} data-testid="my-tasks">
      <Title title={translate(`${T}.title`)} />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate(`${T}.intro.${introRole(roles)}`)}
      </Typography>
      <Box sx={{ display: 'grid', gap: 2, gridTemplateColumns: { xs: 'minmax(0, 1fr)', md: 'repeat(2, minmax(0, 1fr))' }, alignItems: 'start' }}>
        {sections.map((s) => (
          <TaskSectionCard key={s.key} section={s} />
        ))}
        <InboxSection />
      </Box>
    </Box>
  );
}
