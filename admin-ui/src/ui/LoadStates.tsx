import { Alert, Box, Button, LinearProgress, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';

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

/** A failed read: the server's message (problem detail) and a retry button. */
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
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : '';
  return (
    <Alert
      severity={severity}
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry}>
            {translate('app.states.retry')}
          </Button>
        )
      }
    >
      <strong>{translate(title)}</strong>
      {message && <div>{translate(message, { _: message })}</div>}
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
