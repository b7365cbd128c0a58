import { FieldTitle, InputHelperText, useInput, useResourceContext, type Validator } from 'react-admin';
import type { OrgLevel } from './orgTree';
import { OrgUnitPicker } from './OrgUnitPicker';

export interface OrgUnitInputProps {
  source: string;
  label?: string;
  helperText?: string | false;
  validate?: Validator | Validator[];
  multiple?: boolean;
  levels?: readonly OrgLevel[];
  defaultValue?: string | string[] | null;
  size?: 'small' | 'medium';
  /** react-admin passes this to filter inputs. */
  alwaysOn?: boolean;
}

/** The org-unit picker as a react-admin form or filter input: the form holds codes (one, or a list with `multiple`). */
export function OrgUnitInput({ source, label, helperText, validate, multiple = false, levels, defaultValue, size }: OrgUnitInputProps) {
  const resource = useResourceContext();
  const { field, fieldState, isRequired } = useInput({ source, validate, defaultValue: defaultValue ?? (multiple ? [] : null) });
  const invalid = !!fieldState.error;
  const common = {
    name: field.name,
    label: <FieldTitle label={label} source={source} resource={resource} isRequired={isRequired} />,
    error: invalid,
    helperText: helperText === false && !invalid ? undefined : <InputHelperText error={fieldState.error?.message} helperText={helperText || undefined} />,
    onBlur: field.onBlur,
    levels,
    size,
    'data-testid': `org-unit-input-${source}`,
  };
  return multiple ? (
    <OrgUnitPicker {...common} multiple value={Array.isArray(field.value) ? field.value : []} onChange={field.onChange} />
  ) : (
    <OrgUnitPicker {...common} value={typeof field.value === 'string' && field.value !== '' ? field.value : null} onChange={(v) => field.onChange(v ?? '')} />
  );
}
