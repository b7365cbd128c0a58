import { Box, Breadcrumbs, Link, MenuItem, TextField, Typography } from '@mui/material';
import { useTranslate } from 'react-admin';
import type { OrgUnitRef } from './useDashboardStats';
import { isMonth } from './periodModel';
import { OrgUnitPicker } from '../ui/orgUnits/OrgUnitPicker';

export interface DashboardFiltersProps {
  from: string;
  to: string;
  onPeriod: (from: string, to: string) => void;
  /** From the caller's unit down to the selected one. */
  path: readonly OrgUnitRef[];
  subUnits: readonly OrgUnitRef[];
  onUnit: (unitId: string) => void;
  unitName: (u: OrgUnitRef) => string;
}

/** Period (two months) and unit (breadcrumb up, sub-unit list down); big touch targets for a tablet. */
export function DashboardFilters({ from, to, onPeriod, path, subUnits, onUnit, unitName }: DashboardFiltersProps) {
  const translate = useTranslate();
  const invalid = isMonth(from) && isMonth(to) && from > to;
  return (
    <Box data-testid="dashboard-filters" sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center' }}>
      <TextField
        type="month"
        size="small"
        label={translate('dashboard.filters.from')}
        value={from}
        onChange={(e) => isMonth(e.target.value) && onPeriod(e.target.value, to)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'dashboard-from', max: to } }}
        error={invalid}
        fullWidth={false}
        sx={{ width: 180 }}
      />
      <TextField
        type="month"
        size="small"
        label={translate('dashboard.filters.to')}
        value={to}
        onChange={(e) => isMonth(e.target.value) && onPeriod(from, e.target.value)}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'dashboard-to', min: from } }}
        error={invalid}
        helperText={invalid ? translate('dashboard.filters.invalidPeriod') : undefined}
        fullWidth={false}
        sx={{ width: 180 }}
      />
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" color="text.secondary">
          {translate('dashboard.filters.unit')}：
        </Typography>
        <Breadcrumbs aria-label={translate('dashboard.filters.unit')} data-testid="dashboard-unit-path">
          {path.map((u, i) =>
            i < path.length - 1 ? (
              <Link key={u.id} component="button" underline="hover" onClick={() => onUnit(u.id)} title={translate('dashboard.filters.up')} sx={{ py: 1 }}>
                {unitName(u)}
              </Link>
            ) : (
              <Typography key={u.id} color="text.primary" data-testid="dashboard-unit" sx={{ fontWeight: 600 }}>
                {unitName(u)}
              </Typography>
            ),
          )}
        </Breadcrumbs>
      </Box>
      {/* any unit inside the user's, by name or code, without walking down level by level */}
      <Box sx={{ width: 300 }} data-testid="dashboard-unit-picker">
        <OrgUnitPicker
          label={translate('dashboard.filters.find')}
          size="small"
          value={path[path.length - 1]?.id ?? null}
          onChange={(code) => code && onUnit(code)}
        />
      </Box>
      {subUnits.length > 0 && (
        <TextField
          select
          size="small"
          label={translate('dashboard.filters.subUnit')}
          value=""
          onChange={(e) => e.target.value && onUnit(e.target.value)}
          slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'dashboard-subunit' } }}
          fullWidth={false}
          sx={{ minWidth: 200 }}
        >
          <MenuItem value="">{translate('dashboard.filters.allSubUnits')}</MenuItem>
          {subUnits.map((u) => (
            <MenuItem key={u.id} value={u.id}>
              {unitName(u)}
            </MenuItem>
          ))}
        </TextField>
      )}
    </Box>
  );
}
