import type { HTMLAttributes, Key, ReactNode } from 'react';
import { Autocomplete, Box, Chip, TextField, Typography } from '@mui/material';
import { useLocaleState, useTranslate } from 'react-admin';
import { matchesUnit, unitLabel, unitName, type OrgLevel, type OrgTreeNode } from './orgTree';
import { useOrgUnits } from './useOrgUnits';

/** Without a `levels` prop the picker offers units down to the supply station (grids are many and rarely asked). */
export const DEFAULT_LEVELS: readonly OrgLevel[] = ['province', 'city', 'county', 'station'];

interface CommonProps {
  label: ReactNode;
  helperText?: ReactNode;
  error?: boolean;
  required?: boolean;
  disabled?: boolean;
  levels?: readonly OrgLevel[];
  onBlur?: () => void;
  name?: string;
  /** Narrow layouts (list filters) use the small size. */
  size?: 'small' | 'medium';
  fullWidth?: boolean;
  'data-testid'?: string;
}
export type OrgUnitPickerProps = CommonProps &
  ({ multiple: true; value: string[]; onChange: (codes: string[]) => void } | { multiple?: false; value: string | null; onChange: (code: string | null) => void });

/** A code the tree does not hold (outside the caller's unit, or removed): kept and shown as its code. */
const stray = (id: string): OrgTreeNode => ({ id, parentId: null, level: 'station', nameZh: id, nameEn: id, depth: 0, ancestors: [] });

/**
 * Choose org units by name in the hierarchy (省公司 → 市公司 → 县公司 → 供电所), searching names and codes; the value
 * stays the code the API takes. Keyboard: type to search, ↑/↓ to move, Enter to choose, Backspace removes the last
 * chosen unit (multiple), Escape closes.
 */
export function OrgUnitPicker(props: OrgUnitPickerProps) {
  const { label, helperText, error, required, disabled, levels = DEFAULT_LEVELS, onBlur, name, size, fullWidth = true } = props;
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const units = useOrgUnits(levels);
  const node = (code: string) => units.byId.get(code) ?? stray(code);
  const shared = {
    options: units.tree,
    loading: units.isPending,
    disabled,
    fullWidth,
    size,
    onBlur,
    autoHighlight: true,
    getOptionLabel: (u: OrgTreeNode) => unitLabel(u, locale),
    isOptionEqualToValue: (a: OrgTreeNode, b: OrgTreeNode) => a.id === b.id,
    filterOptions: (options: OrgTreeNode[], state: { inputValue: string }) => options.filter((u) => matchesUnit(u, state.inputValue)),
    noOptionsText: translate('orgPicker.noOptions'),
    loadingText: translate('orgPicker.loading'),
    renderOption: ({ key, ...li }: HTMLAttributes<HTMLLIElement> & { key: Key }, u: OrgTreeNode, state: { inputValue: string }) => (
      <li key={key} {...li}>
        {/* indented as a tree while browsing; while searching, the ancestors say where a match sits */}
        <Box sx={{ pl: state.inputValue.trim() ? 0 : u.depth * 2.5, minWidth: 0 }}>
          <Typography variant="body2" component="span" sx={{ fontWeight: u.depth === 0 ? 600 : 400 }}>
            {unitName(u, locale)}
          </Typography>{' '}
          <Typography variant="caption" component="span" color="text.secondary">
            ({u.id}) · {translate(`orgPicker.levels.${u.level}`)}
          </Typography>
          {state.inputValue.trim() && u.ancestors.length > 0 && (
            <Typography variant="caption" component="div" color="text.secondary">
              {u.ancestors.map((a) => unitName(a, locale)).join(' › ')}
            </Typography>
          )}
        </Box>
      </li>
    ),
    renderInput: (params: object) => (
      <TextField
        {...params}
        name={name}
        label={label}
        required={required}
        error={error || !!units.error}
        placeholder={translate('orgPicker.placeholder')}
        helperText={units.error ? translate('orgPicker.loadError', { message: units.error.message }) : helperText}
      />
    ),
    'data-testid': props['data-testid'],
  };
  if (props.multiple) {
    return (
      <Autocomplete<OrgTreeNode, true>
        {...shared}
        multiple
        disableCloseOnSelect
        filterSelectedOptions
        value={props.value.map(node)}
        onChange={(_e, v) => props.onChange(v.map((u) => u.id))}
        renderValue={(value, getItemProps) =>
          value.map((u, index) => {
            const { key, ...item } = getItemProps({ index });
            return <Chip key={key} size="small" label={unitLabel(u, locale)} {...item} />;
          })
        }
      />
    );
  }
  return (
    <Autocomplete<OrgTreeNode, false>
      {...shared}
      value={props.value ? node(props.value) : null}
      onChange={(_e, v) => props.onChange(v?.id ?? null)}
    />
  );
}
