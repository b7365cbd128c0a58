import { useEffect, useRef } from 'react';
import { Box, CircularProgress, Typography } from '@mui/material';
import { useLogin, useTranslate } from 'react-admin';

/**
 * react-admin sends the user to /login when checkAuth fails (e.g. the refresh token
 * expired). There is no password form here: we hand over to Keycloak at once.
 */
export function KeycloakLoginPage() {
  const login = useLogin();
  const translate = useTranslate();
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    login({}).catch(() => undefined);
  }, [login]);

  return (
    <Box display="flex" alignItems="center" gap={2} p={6}>
      <CircularProgress size={24} />
      <Typography>{translate('app.auth.redirecting')}</Typography>
    </Box>
  );
}
