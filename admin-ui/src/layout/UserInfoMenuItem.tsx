import { Box, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import { useJichaIdentity } from '../auth/useJichaIdentity';

/** Read-only block at the top of the user menu: org unit and roles. */
export function UserInfoMenuItem() {
  const identity = useJichaIdentity();
  const translate = useTranslate();
  if (!identity) return null;
  const orgUnit = identity.orgUnitName ?? identity.orgUnit ?? translate('app.user.noOrgUnit');
  const roles =
    identity.roles.length > 0
      ? identity.roles.map((role) => translate(`app.roles.${role}`)).join('、')
      : translate('app.user.noRoles');
  return (
    <Box px={2} py={1} sx={{ minWidth: 220 }} data-testid="user-info">
      <Typography variant="caption" color="text.secondary">
        {translate('app.user.orgUnit')}
      </Typography>
      <Typography variant="body2" gutterBottom>
        {orgUnit}
      </Typography>
      <Typography variant="caption" color="text.secondary">
        {translate('app.user.roles')}
      </Typography>
      <Typography variant="body2">{roles}</Typography>
    </Box>
  );
}
