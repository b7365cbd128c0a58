import { useState } from 'react';
import { Badge, Box, IconButton, List, ListItemButton, ListItemText, Popover, Tooltip, Typography } from '@mui/material';
import BellIcon from '@mui/icons-material/NotificationsNoneOutlined';
import { useQuery } from '@tanstack/react-query';
import { useCreatePath, useDataProvider, useLocaleState, useNavigate, useTranslate } from 'react-admin';
import type { ApiItem } from '../data/api';
import type { JichaDataProvider } from '../data/dataProvider';
import { formatDateTime } from '../format/dateTime';
import { codedText } from '../i18n/codedMessages';
import { EmptyState, ErrorState, LoadingState } from '../ui/LoadStates';

export const INBOX_REFRESH_MS = 60_000;
export const inboxKey = ['notifications', 'inbox'] as const;

/** One row of the caller's inbox (GET /api/notifications). */
export type InboxNotification = ApiItem<'/api/notifications'>;

/** Unread = not yet marked read (there is no "mark read" endpoint yet, so all stay unread). */
export const unreadCount = (items: readonly InboxNotification[] | undefined) =>
  (items ?? []).filter((n) => !n.readAt).length;

/** A notification's text in the reader's language, from its code and params; rows written before codes show their stored body. */
export const notificationBody = (n: Pick<InboxNotification, 'body' | 'code' | 'params'>, locale: string) => codedText(n.code, n.params, locale) ?? n.body;

/** App-bar bell: the caller's in-app inbox (reminders, escalations); a tap on one opens its case. */
export function NotificationBell() {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const dataProvider = useDataProvider<JichaDataProvider>();
  const navigate = useNavigate();
  const createPath = useCreatePath();
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const inbox = useQuery({
    queryKey: inboxKey,
    queryFn: () => dataProvider.getNotifications(),
    refetchInterval: INBOX_REFRESH_MS,
  });
  const count = unreadCount(inbox.data);
  const label = translate('app.inbox.title');
  const open = (item: InboxNotification) => {
    setAnchor(null);
    if (item.caseId) navigate(createPath({ resource: 'cases', id: item.caseId, type: 'show' }));
  };
  return (
    <>
      <Tooltip title={label}>
        <IconButton
          color="inherit"
          onClick={(e) => setAnchor(e.currentTarget)}
          aria-label={translate('app.inbox.button', { smart_count: count })}
          data-testid="inbox-bell"
        >
          <Badge badgeContent={count} color="error" max={99}>
            <BellIcon />
          </Badge>
        </IconButton>
      </Tooltip>
      <Popover
        open={!!anchor}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        slotProps={{ paper: { sx: { width: { xs: '100vw', sm: 400 }, maxHeight: '70vh' } } }}
      >
        <Box sx={{ px: 2, pt: 1.5, pb: 0.5 }}>
          <Typography variant="subtitle1" fontWeight={600}>
            {label}
          </Typography>
        </Box>
        <Box sx={{ px: 2, pb: 1 }} data-testid="inbox-list">
          {inbox.isPending ? (
            <LoadingState />
          ) : inbox.isError ? (
            <ErrorState error={inbox.error} onRetry={() => void inbox.refetch()} />
          ) : inbox.data.length === 0 ? (
            <EmptyState message="app.inbox.empty" />
          ) : (
            <List dense disablePadding>
              {inbox.data.map((item) => (
                <ListItemButton
                  key={item.id}
                  onClick={() => open(item)}
                  disabled={!item.caseId}
                  divider
                  sx={{ px: 0, alignItems: 'flex-start', fontWeight: item.readAt ? 400 : 600 }}
                >
                  <ListItemText
                    primary={
                      <>
                        {translate(`app.inbox.kinds.${item.kind}`, { _: item.kind })} · {item.title}
                      </>
                    }
                    secondary={
                      <>
                        {notificationBody(item, locale)}
                        <br />
                        {formatDateTime(item.createdAt)}
                      </>
                    }
                    slotProps={{ primary: { variant: 'body2', fontWeight: item.readAt ? 400 : 600 } }}
                  />
                </ListItemButton>
              ))}
            </List>
          )}
        </Box>
      </Popover>
    </>
  );
}
