import { Chip, Tooltip } from '@mui/material';
import ApartmentIcon from '@mui/icons-material/Apartment';
import { useTranslate } from 'react-admin';
import { useJichaIdentity } from '../auth/useJichaIdentity';

/** The user's org unit (token claim org_unit_name / org_unit), shown in the app bar. */
export function OrgUnitChip() {
  const identity = useJichaIdentity();
  const translate = useTranslate();
  const label = identity?.orgUnitName ?? identity?.orgUnit;
  if (!label) return null;
  return (
    <Tooltip title={`${translate('app.user.orgUnit')}${identity?.orgUnit ? ` · ${identity.orgUnit}` : ''}`}>
      <Chip
        icon={<ApartmentIcon />}
        label={label}
        size="small"
        color="default"
        sx={{
          mx: 1,
          color: 'inherit',
          borderColor: 'currentColor',
          '& .MuiChip-icon': { color: 'inherit' },
          display: { xs: 'none', sm: 'inline-flex' },
        }}
        variant="outlined"
        data-testid="org-unit-chip"
      />
    </Tooltip>
  );
}
