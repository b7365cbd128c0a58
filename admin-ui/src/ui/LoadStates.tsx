import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { loadErrorReason } from './loadError';

/** While a panel's data is on its way. */
export function LoadingState({ label = 'ra.page.loading' }: { label?: string }) {
  const translate = useTranslate();
  return (
    <Box py={2} role="status" aria-busy="true">
      <LinearProgress />
      <Typography variant="caption" color="text.secondary">
        {translate(label)}
      </Typography>
    </Box>
  );
}

/**
 * A failed read, never to be taken for an empty one: the title, the reason in the user's language (from the problem
 * code or the HTTP status, ui/loadError.ts), the server's own sentence in small print, and a retry button.
 */
export function ErrorState({
  error,
  title = 'app.states.loadError',
  onRetry,
  severity = 'error',
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
  severity?: 'error' | 'info' | 'warning';
}) {
  const translate = useTranslate();
  const reason = loadErrorReason(error);
  return (
    <Alert
      severity={severity}
      role="alert"
      data-testid="load-error"
      data-status={reason.status ?? undefined}
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry} data-testid="load-error-retry">
            {translate('app.states.retry')}
          </Button>
        )
      }
    >
      <strong>{translate(title)}</strong>
      <div data-testid="load-error-reason">{translate(reason.key, reason.params)}</div>
      {severity === 'error' && (
        <Typography variant="caption" component="div">
          {translate('cockpit.errors.notEmpty')}
        </Typography>
      )}
      {reason.detail && (
        <Typography variant="caption" component="div" color="text.secondary" sx={{ overflowWrap: 'anywhere' }}>
          {translate('cockpit.errors.serverSays', { detail: translate(reason.detail, { _: reason.detail }) })}
        </Typography>
      )}
    </Alert>
  );
}

/** Nothing to show yet (e.g. no evidence before the field visit). */
export function EmptyState({ message }: { message: string }) {
  const translate = useTranslate();
  return (
    <Typography variant="body2" color="text.secondary" sx={{ py: 1 }} data-testid="empty-state">
      {translate(message, { _: message })}
    </Typography>
  );
}
