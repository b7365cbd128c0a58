import { Card, CardContent, Chip, Stack, Typography } from '@mui/material';
import { Title, useTranslate } from 'react-admin';
import { useJichaIdentity } from '../auth/useJichaIdentity';
import { usePublicConfig } from '../boot/PublicConfigContext';

/** Landing page: who is logged in, with which roles, in which org unit. No statistics yet. */
export function Dashboard() {
  const identity = useJichaIdentity();
  const { version } = usePublicConfig();
  const translate = useTranslate();
  return (
    <Card sx={{ mt: 2 }}>
      <Title title="app.dashboard.title" />
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {translate('app.title')}
        </Typography>
        {identity && (
          <Typography gutterBottom>
            {translate('app.dashboard.welcome', { name: identity.fullName })}
          </Typography>
        )}
        <Typography color="text.secondary" paragraph>
          {translate('app.dashboard.intro')}
        </Typography>
        {identity && (
          <Stack spacing={1} data-testid="dashboard-user">
            <Typography variant="body2">
              {translate('app.user.orgUnit')}：
              {identity.orgUnitName ?? identity.orgUnit ?? translate('app.user.noOrgUnit')}
            </Typography>
            <Stack direction="row" spacing={1} alignItems="center" flexWrap="wrap">
              <Typography variant="body2">{translate('app.user.roles')}：</Typography>
              {identity.roles.length === 0 && (
                <Typography variant="body2">{translate('app.user.noRoles')}</Typography>
              )}
              {identity.roles.map((role) => (
                <Chip key={role} size="small" label={translate(`app.roles.${role}`)} />
              ))}
            </Stack>
          </Stack>
        )}
        {version && (
          <Typography variant="caption" color="text.secondary" display="block" mt={2}>
            {translate('app.dashboard.version', { version })}
          </Typography>
        )}
      </CardContent>
    </Card>
  );
}
